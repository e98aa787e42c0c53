"""The source view: a cited article in full, the quoted passage highlighted, opened from a citation."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.render import article_html, blockquote, date_label, safe_url

# Brings the highlighted quote into view when the dialog opens (long articles scroll).
_SCROLL = ("<script>setTimeout(() => { const m = document.getElementById('trich-dan');"
           " if (m) m.scrollIntoView({block: 'center'}); }, 300);</script>")


@st.dialog("Bài viết nguồn", width="large")
def show_source(client: ApiClient, citation: dict) -> None:
    """The whole cleaned article of ``citation``: title, date, organisation, original link, the quote marked."""
    try:
        article = client.article(citation["article_id"])
    except ApiError as exc:
        st.error(str(exc))
        return
    st.subheader(article["title"])
    # The article's own date kind, else the citation's (the API may send either or neither).
    meta = [date_label({**citation, **article})] if article.get("date") else []
    meta += [m for m in (article.get("source"), article.get("author") and f"Tác giả: {article['author']}") if m]
    if meta:
        st.caption(" · ".join(meta))
    url = safe_url(article.get("url"))
    if url:
        st.link_button("Mở bài gốc trên trang web", url, icon=":material/open_in_new:")
    else:
        st.caption("Bài viết này không có địa chỉ trang web gốc.")
    st.markdown(f"**Đoạn được trích [{citation['number']}]:**")
    st.markdown(blockquote(citation["quote"]))
    st.divider()
    st.html("<div class='article' lang='vi'>" + article_html(article["text"], citation.get("start"),
                                                             citation.get("end")) + "</div>" + _SCROLL,
            unsafe_allow_javascript=True)
