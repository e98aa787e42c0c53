"""The staff chat (Streamlit); it talks to the API over HTTP and holds no index of its own."""
