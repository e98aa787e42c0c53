"""One turn of the conversation as shown: the question, the answer with its sources, feedback, copy."""

from __future__ import annotations

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.render import (answer_as_text, answer_markdown, filters_text, highlighted_passage, is_long, short_answer_text,
                       source_line, understood_as)
from ui.source import show_source

# Names and icons of the two speakers: the names are what screen readers announce.
USER = ("Bạn", ":material/person:")
ASSISTANT = ("Trợ lý", ":material/support_agent:")
# Material icons, not emoji: they come with Streamlit, so they show on machines without an emoji font.
RATINGS = {"up": ":material/thumb_up: Hữu ích", "down": ":material/thumb_down: Chưa đúng"}


def speaker(who: tuple[str, str]):
    """A chat message container for ``USER`` or ``ASSISTANT``."""
    name, icon = who
    return st.chat_message(name, avatar=icon)


def show_turn(client: ApiClient, turn: dict, key: str, earlier: list[str] | None = None) -> None:
    """A stored turn: the question, then the answer; ``key`` makes its widgets unique on the page,
    ``earlier`` are the conversation's questions before it (to show how a follow-up was read)."""
    with speaker(USER):
        st.markdown(turn["question"])
    with speaker(ASSISTANT):
        show_reply(client, turn, key, earlier)


def show_reply(client: ApiClient, turn: dict, key: str, earlier: list[str] | None = None) -> None:
    """The answer, the filters it was given under, its sources (openable), feedback and copy."""
    reply = turn["reply"]
    if reply.get("short_answer"):
        st.markdown(short_answer_text(reply["short_answer"]))
    if reply.get("abstained") and reply.get("status") != "chitchat":
        st.info(answer_markdown(reply["answer"]))
    else:
        st.markdown(answer_markdown(reply["answer"]))
    if reply.get("answer_kind") == "generated":
        st.caption("Câu trả lời do mô hình ngôn ngữ viết từ các đoạn trích bên dưới; mỗi câu đã được đối chiếu "
                   "với đoạn được dẫn [n], câu không có căn cứ đã bị bỏ.")
        if reply.get("extractive_answer"):
            with st.expander("Câu trích nguyên văn"):
                st.markdown(reply["extractive_answer"])
    if read_as := understood_as(turn["question"], reply, earlier):
        st.caption(read_as)
    if reply.get("status") != "chitchat":  # small talk searched nothing: no scope to state
        st.caption(filters_text(turn.get("filters")))
    for c in reply.get("citations", []):
        st.markdown(source_line(c))
        with st.expander("Đoạn trích", expanded=not is_long(c)):
            st.markdown(f"<div class='passage'>{highlighted_passage(c)}</div>", unsafe_allow_html=True)
        if st.button("Mở bài viết", key=f"open_{key}_{c['number']}", icon=":material/article:",
                     help=f"Xem toàn bộ bài viết [{c['number']}], đoạn được trích được tô sáng"):
            show_source(client, c)
    if reply.get("status") == "chitchat":
        return
    if reply.get("citations"):  # a refusal has nothing worth pasting elsewhere
        with st.expander("Sao chép câu trả lời kèm nguồn", icon=":material/content_copy:"):
            st.caption("Bấm biểu tượng sao chép ở góc khung để chép toàn bộ.")
            st.code(answer_as_text(turn["question"], reply, turn.get("filters")), language=None, wrap_lines=True)
    feedback(client, turn, key)


def feedback(client: ApiClient, turn: dict, key: str) -> None:
    """👍/👎 stored on click and updated on change; a comment may follow, never required."""
    rating_key = f"rating_{key}"
    if rating_key not in st.session_state and turn.get("rating"):
        st.session_state[rating_key] = turn["rating"]  # a restored conversation shows its rating
    st.pills("Câu trả lời này có hữu ích không?", list(RATINGS), format_func=RATINGS.get, key=rating_key,
             on_change=_rate, args=(client, turn, rating_key),
             help="Đánh giá được lưu ngay khi bấm; bấm lựa chọn kia để đổi.")
    if turn.get("feedback_error"):
        st.error(turn["feedback_error"])
    if not turn.get("feedback_id"):
        return
    if turn.get("comment"):
        st.caption(f"Cảm ơn bạn đã đánh giá. Góp ý đã gửi: “{turn['comment']}”")
        return
    st.caption("Cảm ơn bạn đã đánh giá. Bạn có thể thêm góp ý (không bắt buộc).")
    with st.form(f"comment_form_{key}", clear_on_submit=True, border=False):
        comment = st.text_input("Góp ý thêm (không bắt buộc)", key=f"comment_{key}", max_chars=2000)
        if st.form_submit_button("Gửi góp ý") and comment.strip():
            try:
                row = client.update_feedback(turn["feedback_id"], comment=comment.strip())
                turn["comment"], turn["feedback_error"] = row["comment"], None
            except ApiError as exc:
                turn["feedback_error"] = f"Chưa gửi được góp ý: {exc}"
            st.rerun()


def _rate(client: ApiClient, turn: dict, rating_key: str) -> None:
    """Store the rating just clicked: a new row the first time, an update of that row afterwards."""
    rating = st.session_state.get(rating_key)
    if rating is None:  # clicking the chosen pill again unselects it: the stored rating stays
        st.session_state[rating_key] = turn.get("rating")
        return
    reply = turn["reply"]
    try:
        if turn.get("feedback_id"):
            row = client.update_feedback(turn["feedback_id"], rating=rating)
        else:
            short = reply.get("short_answer") or {}
            row = client.feedback(rating, turn["question"], reply.get("answer", ""), None,
                                  [c["article_id"] for c in reply.get("citations", [])],
                                  turn.get("conversation_id"), turn.get("seq"), short.get("text"))
        turn["feedback_id"], turn["rating"], turn["feedback_error"] = row["id"], row["rating"], None
    except ApiError as exc:
        turn["feedback_error"] = f"Chưa lưu được đánh giá: {exc}"
