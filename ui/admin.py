"""The admin panel in the sidebar: add articles, rebuild the index, follow the rebuild, follow web sites.

Every action ends with a full rerun, so the sidebar's article count is the new one at once;
its outcome is kept in the session and shown after that rerun.
"""

from __future__ import annotations

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.reasons import vietnamese
from ui.render import rebuild_summary
from ui.sites import sites_section

STEPS = {  # the rebuild's step codes (api/rebuild.py) in words staff use
    "scanning": "đang đọc thư mục bài viết",
    "damaged": "chỉ mục bị hỏng: đang lập lại từ toàn bộ thư mục bài viết",
    "full": "đang xử lý lại toàn bộ bài viết",
    "sync": "đang đối chiếu với thư mục bài viết",
}


def admin_panel(client: ApiClient) -> None:
    """Key, upload and rebuild controls, with the outcome of the last action."""
    state = st.session_state
    state.api_key = st.text_input("Khoá quản trị", value=state.get("api_key", ""), type="password",
                                  help="Khoá do bộ phận CNTT cấp; cần để thêm bài viết và cập nhật chỉ mục.")
    if not state.api_key:  # the buttons below stay greyed out; say why
        st.caption("Nhập khoá quản trị để thêm bài viết và cập nhật chỉ mục.")
    for kind, text in state.pop("admin_notice", []):
        getattr(st, kind)(text)
    files = st.file_uploader("Thêm bài viết (.txt, .md, .html)", type=["txt", "md", "html", "htm"],
                             accept_multiple_files=True, key=f"upload_{state.get('upload_round', 0)}")
    if st.button("Tải lên", icon=":material/upload:", disabled=not (files and state.api_key)):
        state.admin_notice = [upload_one(client, f.name, f.getvalue(), state.api_key) for f in files]
        state.upload_round = state.get("upload_round", 0) + 1  # empties the file picker
        st.rerun()
    if st.button("Cập nhật chỉ mục", icon=":material/sync:", disabled=not state.api_key,
                 help="Đối chiếu chỉ mục với thư mục bài viết trên máy chủ (bài mới, bài sửa, bài đã xoá)."):
        try:
            client.rebuild(state.api_key)
            state.rebuild_seen = None  # the next finished rebuild is news
        except ApiError as exc:
            state.admin_notice = [("error", f"Không bắt đầu được việc cập nhật chỉ mục: {exc}")]
        st.rerun()
    if state.api_key:
        rebuild_progress(client)
        sites_section(client, state.api_key)


def upload_one(client: ApiClient, name: str, data: bytes, api_key: str) -> tuple[str, str]:
    """Upload one file; a ``(kind, message)`` pair in Vietnamese for the panel."""
    try:
        r = client.upload(name, data, api_key)
    except ApiError as exc:
        if exc.code == "duplicate":
            return "info", f"{name}: {vietnamese(exc.detail)}."
        reason = f" ({vietnamese(exc.detail)})" if exc.status in (413, 422) and exc.detail else ""
        return "error", f"{name}: {exc}{reason}"
    titles = ", ".join(f"“{a['title']}”" for a in r["articles"])
    report = r["report"]
    if report.get("added") or report.get("updated"):
        verb = "Đã thêm" if report.get("added") else "Đã cập nhật"
        return "success", f"{verb} {titles} ({name}); có thể hỏi ngay, không cần cập nhật chỉ mục."
    if report.get("duplicates"):
        return "info", f"{name}: nội dung này đã có trong một bài viết khác, không thêm lại."
    return "info", f"{name}: {titles} đã có trong chỉ mục, không có gì thay đổi."


@st.fragment(run_every=1.0)
def rebuild_progress(client: ApiClient) -> None:
    """Follows a running rebuild once a second; when it ends, the whole page reruns for the new counts."""
    state = st.session_state
    try:
        rebuild = client.status()["rebuild"]
    except ApiError:
        return
    if rebuild["state"] == "running":
        state.rebuild_seen = None
        total = max(rebuild["to_embed"], 1)
        step = STEPS.get(rebuild.get("step") or "", "đang cập nhật")
        st.progress(min(rebuild["embedded"] / total, 1.0),
                    text=f"Đang cập nhật chỉ mục: {step} ({rebuild['embedded']}/{rebuild['to_embed']} đoạn văn)")
        return
    if rebuild["state"] in ("done", "failed") and state.get("rebuild_seen", rebuild["finished_at"]) is None:
        state.rebuild_seen = rebuild["finished_at"]
        st.rerun(scope="app")  # the sidebar's counts and the filters' organisations change
    state.rebuild_seen = rebuild["finished_at"]
    if rebuild["state"] == "done":
        for line in rebuild_summary(rebuild):
            st.caption(line)
    elif rebuild["state"] == "failed":
        st.error("Cập nhật chỉ mục thất bại. Hãy thử lại; nếu vẫn lỗi, hãy liên hệ bộ phận hỗ trợ CNTT.")
