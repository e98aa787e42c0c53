"""Follow the organisation's web site: discover new and changed articles, fetch them politely,
keep them as files under the articles folder and index them incrementally (issue 15).

One module per job: ``urls`` (normalising, file names), ``http`` (the polite client),
``robots`` (robots.txt), ``discover`` (sitemaps, feeds, listing pages), ``extract`` (a page
to an article row), ``state`` (per-URL state in SQLite), ``sync`` (one sync run and its
report) and ``scheduler`` (the API process's background runs). See docs/fetch.md.
"""
