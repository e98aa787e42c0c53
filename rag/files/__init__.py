"""The article files the service keeps: names of uploads, putting a file in place and moving
one to the trash (each with an undo), rewriting a JSON Lines file without one article.

``rag.sources`` uses them together with the index; nothing here touches the index.
"""
