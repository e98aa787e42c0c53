"""The staff chat: ``streamlit run ui/app.py`` (the API must be running; URL from RAG_API_URL).

The conversation lives in the API (``/conversations``) under the id in the page's URL
(``?c=<id>``), so a reload, a new tab or a shared link shows it again.
"""

from __future__ import annotations

import streamlit as st

from rag.clean.metadata import organisation_label
from rag.config import Settings
from ui.admin import admin_panel
from ui.answer import ASSISTANT, USER, show_turn, speaker
from ui.client import UNREACHABLE, ApiClient, ApiError, ask_body
from ui.reasons import vietnamese
from ui.render import conversation_label, coverage_text, example_questions, in_filters, vn_datetime
from ui.stream import AnswerStream

st.set_page_config(page_title="Trợ lý hỏi đáp bài viết", page_icon=":material/menu_book:", layout="wide",
                   menu_items={"Get help": None, "Report a bug": None,
                               "About": "Trợ lý hỏi đáp trên các bài viết của cơ quan, có trích dẫn nguồn."})
settings = Settings()  # read per run, so a changed .env or environment applies on reload
client = ApiClient(settings.api_url, settings.api_timeout)
state = st.session_state
state.setdefault("turns", [])  # {"question", "reply", "filters", "seq", "conversation_id", "feedback_id", "rating", "comment"}
state.setdefault("conversation_id", None)
state.setdefault("pending", None)  # a question whose call failed, offered for retry

ALL = "Tất cả đơn vị"

# Screen readers: Streamlit cannot set <html lang> nor translate its own ARIA labels, so a
# small script does both (st.html runs it in the page itself, once per browser tab).
A11Y = """<script>
(() => {
  if (window.__vnragA11y) return; window.__vnragA11y = true;
  const labels = {"Send message": "Gửi câu hỏi", "Copy to clipboard": "Sao chép", "Close": "Đóng",
                  "Collapse sidebar": "Thu gọn thanh bên", "Expand sidebar": "Mở thanh bên",
                  "Open": "Mở danh sách", "Choose date": "Chọn ngày", "Show password": "Hiện khoá",
                  "Hide password": "Ẩn khoá", "file upload": "Chọn tệp để tải lên", "Main menu": "Trình đơn",
                  "Link to heading": "Liên kết tới tiêu đề", "Running...": "Đang xử lý…"};
  const prefixes = [["Chat message from ", "Tin nhắn của "], ["Help for ", "Trợ giúp: "],
                    ["day, ", "ngày, "], ["month, ", "tháng, "], ["year, ", "năm, "]];
  // The file picker's visible words, which Streamlit has no setting for either.
  const texts = [[/^Drag and drop (?:files|a file) here$/, "Kéo thả tệp vào đây"], [/^(?:Upload|Browse files)$/, "Chọn tệp"],
                 [/^(\S+) per file$/, "Tối đa $1 mỗi tệp"]];
  const fix = () => {
    if (document.documentElement.lang !== "vi") document.documentElement.lang = "vi";
    document.querySelectorAll('[data-testid="stFileUploader"] *').forEach(e => e.childNodes.forEach(n => {
      if (n.nodeType !== 3) return;
      const t = n.nodeValue.trim();
      for (const [en, vi] of texts) if (en.test(t)) { n.nodeValue = t.replace(en, vi); return; }
    }));
    document.querySelectorAll("[aria-label]").forEach(e => {
      const l = e.getAttribute("aria-label");
      if (labels[l]) { e.setAttribute("aria-label", labels[l]); return; }
      for (const [en, vi] of prefixes) {
        if (l.startsWith(en)) { e.setAttribute("aria-label", vi + l.slice(en.length)); return; }
      }
    });
  };
  fix();
  const watch = new MutationObserver(fix);
  watch.observe(document.body, {subtree: true, childList: true});
  watch.observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
})();
</script>"""
STYLE = """<style>
.passage mark, .article mark {background:#ffe08a;padding:0 2px}
.article {line-height:1.6}
</style>"""


def sync_with_url() -> None:
    """Load the conversation named in the URL, if it is not the one on screen."""
    wanted = st.query_params.get("c")
    if wanted == state.conversation_id:
        return
    state.turns, state.pending, state.conversation_id = [], None, None
    if not wanted:
        return
    try:
        found = client.conversation(wanted)
    except ApiError as exc:
        if exc.status in (404, 422):
            st.query_params.pop("c", None)
            st.warning("Không tìm thấy cuộc trò chuyện trong đường dẫn; đã mở một cuộc trò chuyện mới.")
        else:
            st.error(f"Chưa mở được cuộc trò chuyện đã lưu. {exc}")
        return
    state.conversation_id = wanted
    state.turns = [{**t, "conversation_id": wanted} for t in found["turns"]]


def sidebar(status: dict | None) -> tuple[dict, str | None]:
    """Conversations, filters, the index in brief, admin tools; returns the filters and any filter problem."""
    with st.sidebar:
        api_watch(status is not None)
        if st.button("Cuộc trò chuyện mới", icon=":material/add_comment:", use_container_width=True):
            st.query_params.pop("c", None)
            st.rerun()
        recent_conversations()
        st.header("Bộ lọc")
        sources = [ALL] + (status["sources"] if status else [])
        source = st.selectbox("Đơn vị", sources, key="filter_source", placeholder="Chọn đơn vị",
                              format_func=organisation_label)
        date_from = st.date_input("Từ ngày", value=None, format="DD/MM/YYYY", key="filter_from")
        date_to = st.date_input("Đến ngày", value=None, format="DD/MM/YYYY", key="filter_to")
        problem = None
        if date_from and date_to and date_from > date_to:
            problem = "“Từ ngày” đang sau “Đến ngày”. Hãy sửa khoảng ngày trước khi hỏi."
            st.error(problem)
        st.header("Kho bài viết")
        if status:
            st.markdown(f"**{status['articles']}** bài viết · cập nhật {vn_datetime(status['updated_at']) or 'chưa có'}")
        with st.expander("Quản trị", icon=":material/admin_panel_settings:"):
            admin_panel(client)
        with st.expander("Giới thiệu", icon=":material/info:"):
            st.markdown("Trợ lý trích nguyên văn câu trả lời từ các bài viết đã đăng và ghi rõ nguồn. "
                        "Luôn đối chiếu với bài viết gốc trước khi sử dụng.")
            if status:
                st.caption(f"Mô hình ngôn ngữ: {status['model']} · {status['chunks']} đoạn văn được lập chỉ mục"
                           f" · phiên bản chỉ mục {status['version']}")
    filters = {"source": None if source == ALL else source, "date_from": date_from, "date_to": date_to}
    return filters, problem


@st.fragment(run_every=5.0)
def api_watch(up_at_start: bool) -> None:
    """Checks the API every few seconds; when it goes down or comes back, the page reruns to match."""
    try:
        client.health()
        up = True
    except ApiError:
        up = False
    if up != state.setdefault("api_up", up_at_start):
        state.api_up = up
        st.rerun(scope="app")
    if not up:
        st.warning(f"{UNREACHABLE} Trang sẽ tự kết nối lại khi máy chủ hoạt động lại.",
                   icon=":material/cloud_off:")


def recent_conversations() -> None:
    """The latest conversations as links; the open one is marked."""
    try:
        recent = client.conversations(limit=RECENT)
    except ApiError:
        return
    if not recent:
        return
    st.caption("Cuộc trò chuyện gần đây")
    for c in recent[:SHOWN]:
        conversation_link(c)
    if len(recent) > SHOWN:  # the older ones folded away, so the filters stay in view
        with st.expander("Cũ hơn", expanded=any(c["id"] == state.conversation_id for c in recent[SHOWN:])):
            for c in recent[SHOWN:]:
                conversation_link(c)


SHOWN = 3  # recent conversations listed before "Cũ hơn"
RECENT = 30  # conversations reachable from the sidebar (a staff user lost the earliest four of a day at 8)


def conversation_link(c: dict) -> None:
    """One recent conversation as a button that opens it; the open one is framed."""
    # Framed, not disabled: greyed-out text would be hard to read.
    current = c["id"] == state.conversation_id
    if st.button(conversation_label(c["title"], c["updated_at"]), key=f"conv_{c['id']}", icon=":material/chat:",
                 type="secondary" if current else "tertiary",
                 help=f"{c['title']} · {c['turns']} câu hỏi · {vn_datetime(c['updated_at'])}"
                 + (" · đang mở" if current else "")):
        st.query_params["c"] = c["id"]
        st.rerun()


# Up to this many articles, the home line counts those the filters leave (from their summaries).
COUNTED = 1000


def first_visit(status: dict | None, filters: dict) -> None:
    """What the assistant covers (within the filters, when set) and a few questions it can
    answer, built from the index itself."""
    if not status:
        return
    filtered = any(filters.values()) and status["articles"] <= COUNTED
    try:
        articles = client.articles(limit=COUNTED if filtered else 20)
    except ApiError:
        articles, filtered = [], False
    st.markdown(coverage_text(status, filters, articles if filtered else None))
    examples = example_questions([a["title"] for a in articles if not filtered or in_filters(a, filters)][:20])
    if examples:
        st.caption("Thử một câu hỏi:")
        for i, q in enumerate(examples):
            st.button(q, key=f"example_{i}", icon=":material/help:", on_click=state.__setitem__, args=("asked", q))


def generates() -> bool:
    """Whether the API writes answers with a language model (then they are streamed)."""
    try:
        return bool(client.health().get("generation"))
    except ApiError:
        return False


def streamed(question: str, history: list[dict], filters: dict) -> dict:
    """The model's text as it is written (unchecked), then replaced by the verified reply."""
    stream = AnswerStream(settings.api_url, ask_body(question, history, **filters), timeout=settings.api_timeout)
    placeholder = st.empty()
    with placeholder.container():
        st.caption("Đang viết câu trả lời; sẽ được đối chiếu với nguồn khi viết xong…")
        st.write_stream(stream)
    placeholder.empty()
    return stream.final


def _person_answered(reply: dict) -> str | None:
    """The name a reply's short answer gave, when it is a person's."""
    short = reply.get("short_answer") or {}
    return short.get("text") if short.get("kind") == "person" else None


def ask(question: str, filters: dict) -> None:
    """Show the question at once, answer under a spinner, keep the turn in the conversation."""
    with speaker(USER):
        st.markdown(question)
    # A person's name answered is who a follow-up's "ông ấy" means; other answers are not sent.
    history = [{"question": t["question"], "answer": _person_answered(t["reply"])} for t in state.turns]
    with speaker(ASSISTANT):
        try:
            reply = streamed(question, history, filters) if generates() else None
            if reply is None:
                with st.spinner("Đang tìm trong các bài viết…"):
                    reply = client.ask(question, history, **filters)
        except ApiError as exc:
            why = f" ({vietnamese(exc.detail)})" if exc.status == 422 and exc.detail else ""
            state.pending = {"question": question, "error": f"{exc}{why}"}
            return
    state.pending = None
    asked = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in filters.items()}
    turn = {"question": question, "reply": reply, "filters": asked, "seq": None, "conversation_id": None}
    try:
        if state.conversation_id is None:
            state.conversation_id = client.new_conversation(question)["id"]
            st.query_params["c"] = state.conversation_id
        saved = client.add_turn(state.conversation_id, question, reply, asked)
        turn.update(seq=saved["seq"], conversation_id=state.conversation_id)
    except ApiError:
        turn["unsaved"] = True  # the answer still shows; only a reload would lose it
    state.turns.append(turn)


status = None
try:
    status = client.status()
except ApiError:
    pass
st.html(A11Y, unsafe_allow_javascript=True)
st.markdown(STYLE, unsafe_allow_html=True)
sync_with_url()
filters, filter_problem = sidebar(status)
st.title("Hỏi đáp về các bài viết")
st.caption("Câu trả lời được trích nguyên văn từ các bài viết đã đăng, kèm nguồn để đối chiếu.")

if not state.turns and not state.pending:
    first_visit(status, filters)

for i, turn in enumerate(state.turns):
    show_turn(client, turn, key=f"{turn.get('conversation_id')}_{i}", earlier=[t["question"] for t in state.turns[:i]])
    if turn.get("unsaved"):
        st.caption("Chưa lưu được câu hỏi này vào cuộc trò chuyện (máy chủ không phản hồi).")

if state.pending:
    with speaker(USER):
        st.markdown(state.pending["question"])
    with speaker(ASSISTANT):
        st.error(state.pending["error"])
        if st.button("Thử lại", icon=":material/refresh:", key="retry"):
            question, state.pending = state.pending["question"], None
            state.asked = question
            st.rerun()

question = st.chat_input("Đặt câu hỏi về các bài viết…") or state.pop("asked", None)
if question:
    if filter_problem:
        # Kept on screen with "Thử lại", so the question need not be typed again once the
        # filters are mended.
        state.pending = {"question": question, "error": f"Chưa gửi câu hỏi: {filter_problem}"}
        st.rerun()
    else:
        ask(question, filters)
        st.rerun()
