"""The staff chat: ``streamlit run ui/app.py`` (the API must be running; URL from RAG_API_URL)."""

from __future__ import annotations

import streamlit as st

from rag.config import Settings
from ui.client import ApiClient, ApiError
from ui.render import highlighted_passage, is_long, short_answer_text, source_line, vn_datetime

st.set_page_config(page_title="Trợ lý hỏi đáp bài viết", page_icon=":material/menu_book:", layout="wide")
settings = Settings()  # read per run, so a changed .env or environment applies on reload
client = ApiClient(settings.api_url, settings.api_timeout)
state = st.session_state
state.setdefault("messages", [])  # {"role", "content", ...}; assistant turns carry the API reply
state.setdefault("pending", None)  # a question whose call failed, offered for retry
state.setdefault("api_key", "")

ALL = "Tất cả đơn vị"


def sidebar() -> dict:
    """Index status, filters, new conversation, admin tools; returns the filters."""
    with st.sidebar:
        st.header("Chỉ mục")
        try:
            status = client.status()
        except ApiError as exc:
            st.warning(str(exc))
            status = None
        if status:
            st.markdown(f"**{status['articles']}** bài viết · **{status['chunks']}** đoạn  \n"
                        f"Cập nhật: {vn_datetime(status['updated_at']) or 'chưa có'}  \nMô hình: `{status['model']}`")
        st.header("Bộ lọc")
        sources = [ALL] + (status["sources"] if status else [])
        source = st.selectbox("Đơn vị", sources, key="filter_source")
        date_from = st.date_input("Từ ngày", value=None, format="DD/MM/YYYY", key="filter_from")
        date_to = st.date_input("Đến ngày", value=None, format="DD/MM/YYYY", key="filter_to")
        if st.button("Cuộc trò chuyện mới", icon=":material/add_comment:", use_container_width=True):
            state.messages, state.pending = [], None
            st.rerun()
        with st.expander("Quản trị"):
            admin(status)
    return {"source": None if source == ALL else source, "date_from": date_from, "date_to": date_to}


def admin(status: dict | None) -> None:
    """Upload articles and rebuild the index (needs the admin key)."""
    state.api_key = st.text_input("Khoá quản trị (API key)", value=state.api_key, type="password")
    files = st.file_uploader("Thêm bài viết (.txt, .md, .html)", type=["txt", "md", "html", "htm"],
                             accept_multiple_files=True)
    if st.button("Tải lên", disabled=not (files and state.api_key)):
        for f in files:
            try:
                r = client.upload(f.name, f.getvalue(), state.api_key)
                titles = ", ".join(a["title"] for a in r["articles"])
                st.success(f"Đã thêm {f.name}: {titles}")
            except ApiError as exc:
                st.error(f"{f.name}: {exc}")
    if st.button("Cập nhật chỉ mục", disabled=not state.api_key):
        try:
            client.rebuild(state.api_key)
        except ApiError as exc:
            st.error(str(exc))
    rebuild_progress()


@st.fragment(run_every=1.0)
def rebuild_progress() -> None:
    """Follows a running rebuild once a second; quiet otherwise."""
    try:
        rebuild = client.status()["rebuild"]
    except ApiError:
        return
    if rebuild["state"] == "running":
        total = max(rebuild["to_embed"], 1)
        st.progress(min(rebuild["embedded"] / total, 1.0),
                    text=f"Đang cập nhật: {rebuild['phase']} ({rebuild['embedded']}/{rebuild['to_embed']} đoạn)")
    elif rebuild["state"] == "done":
        r = rebuild["report"]
        st.caption(f"Lần cập nhật gần nhất: thêm {r.get('added', 0)}, sửa {r.get('updated', 0)}, "
                   f"xoá {r.get('removed', 0)} bài; {r.get('total_articles', 0)} bài trong chỉ mục.")
    elif rebuild["state"] == "failed":
        st.error(f"Cập nhật chỉ mục thất bại: {rebuild['error']}")


def show_answer(i: int, msg: dict) -> None:
    """An assistant turn: the answer, its sources with the quoted span marked, feedback."""
    if msg.get("short_answer"):
        st.markdown(short_answer_text(msg["short_answer"]))
    if msg.get("status") == "chitchat":
        st.markdown(msg["content"])
    elif msg.get("abstained"):
        st.info(msg["content"])
    else:
        st.markdown(msg["content"])
    if msg.get("query") and msg["query"] != msg["question"]:
        st.caption(f"Đã hiểu câu hỏi là: “{msg['query']}”")
    for c in msg.get("citations", []):
        st.markdown(source_line(c))
        with st.expander("Đoạn trích", expanded=not is_long(c)):
            st.markdown(f"<div class='passage'>{highlighted_passage(c)}</div>", unsafe_allow_html=True)
    if msg.get("abstained") is None:
        return
    rating = st.feedback("thumbs", key=f"rating_{i}")
    if rating is not None and not msg.get("feedback_sent"):
        comment = st.text_input("Góp ý thêm (không bắt buộc)", key=f"comment_{i}")
        if st.button("Gửi đánh giá", key=f"send_{i}"):
            try:
                client.feedback("up" if rating == 1 else "down", msg["question"], msg["content"], comment,
                                [c["article_id"] for c in msg.get("citations", [])])
                msg["feedback_sent"] = True
                st.rerun()
            except ApiError as exc:
                st.error(str(exc))
    elif msg.get("feedback_sent"):
        st.caption("Cảm ơn bạn đã đánh giá câu trả lời.")


def ask(question: str, filters: dict) -> None:
    """Send a question with the conversation so far; a failure is kept for a retry."""
    history = [m["content"] for m in state.messages[:-1] if m["role"] == "user"]
    try:
        with st.spinner("Đang tìm trong các bài viết…"):
            r = client.ask(question, history, **filters)
    except ApiError as exc:
        state.pending = {"question": question, "error": str(exc)}
        return
    state.pending = None
    state.messages.append({"role": "assistant", "content": r["answer"], "citations": r["citations"],
                           "abstained": r["abstained"], "question": question, "query": r["query"],
                           "short_answer": r.get("short_answer"), "status": r.get("status")})


filters = sidebar()
st.title("Hỏi đáp về các bài viết")
st.caption("Câu trả lời được trích nguyên văn từ các bài viết đã đăng, kèm nguồn để đối chiếu.")
st.markdown("<style>.passage mark{background:#ffe08a;padding:0 2px}</style>", unsafe_allow_html=True)

for i, msg in enumerate(state.messages):
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(msg["content"])
        else:
            show_answer(i, msg)

if state.pending:
    with st.chat_message("assistant"):
        st.error(state.pending["error"])
        if st.button("Thử lại", icon=":material/refresh:", key="retry"):
            ask(state.pending["question"], filters)
            st.rerun()

if question := st.chat_input("Đặt câu hỏi về các bài viết…"):
    state.messages.append({"role": "user", "content": question})
    ask(question, filters)
    st.rerun()
