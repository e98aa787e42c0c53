"""The admin panel's "Nguồn web" section: the organisation's web sites the index follows (issue 15).

Register a site, sync now, follow the sync, read each site's last report in plain Vietnamese.
Like the rest of the panel, every action ends with a full rerun and its outcome is kept in the
session to be shown after it; a finished sync reruns the page so the article count is the new one.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from ui.client import ApiClient, ApiError
from ui.reasons import vietnamese

SHOWN = 10  # failed or skipped pages listed per site; the rest are counted


def sites_section(client: ApiClient, api_key: str) -> None:
    """The "Nguồn web" expander: the registration form, the sites with their reports, "Đồng bộ ngay"."""
    state = st.session_state
    with st.expander("Nguồn web", icon=":material/public:"):
        for kind, text in state.pop("sites_notice", []):
            getattr(st, kind)(text)
        try:
            sites = client.sites(api_key)["sites"]
        except ApiError as exc:
            if exc.status != 404:  # 404: an API from before issue 15, nothing to follow
                st.error(f"Không tải được danh sách trang web: {exc}")
            return
        add_site_form(client, api_key, {s["id"] for s in sites})
        if not sites:
            st.caption("Chưa theo dõi trang web nào.")
            return
        for site in sites:
            show_site(site)
        if st.button("Đồng bộ ngay", icon=":material/cloud_sync:",
                     help="Lấy bài mới và bài đã sửa từ các trang web trên, rồi đưa vào chỉ mục."):
            try:
                client.sync_sites(api_key)
                state.sync_seen = None  # the next finished sync is news
            except ApiError as exc:
                state.sites_notice = [("error", f"Chưa đồng bộ được: {_busy(exc)}")]
            st.rerun()
        sync_progress(client, api_key)


def add_site_form(client: ApiClient, api_key: str, known: set[int]) -> None:
    """Register a site: its home page and, optionally, listing pages one per line."""
    with st.form("add_site", clear_on_submit=True):
        home = st.text_input("Địa chỉ trang chủ", placeholder="https://sogddt.example.gov.vn/")
        listings = st.text_area("Trang danh sách bài viết (không bắt buộc, mỗi dòng một địa chỉ)", height=80,
                                help="Các mục tin tức, nếu sơ đồ trang (sitemap) và tin RSS chưa liệt kê hết bài viết.")
        if not st.form_submit_button("Thêm trang web", icon=":material/add_link:"):
            return
    state = st.session_state
    if not home.strip():
        state.sites_notice = [("error", "Hãy nhập địa chỉ trang chủ của trang web.")]
        st.rerun()
    try:
        site = client.add_site(home.strip(), [u.strip() for u in listings.splitlines() if u.strip()], api_key)
    except ApiError as exc:
        # The API's reason (which rule refused the address) is what the admin can act on.
        reason = f" Lý do: {vietnamese(exc.detail)}." if exc.status == 422 and exc.detail else ""
        state.sites_notice = [("error", f"Không thêm được trang web: {exc}{reason}")]
        st.rerun()
    if site["id"] in known:
        state.sites_notice = [("info", f"{site['host']} đã được theo dõi; đã cập nhật các trang danh sách.")]
    else:
        state.sites_notice = [("success", f"Đã thêm {site['host']}. Bấm “Đồng bộ ngay” để lấy bài viết.")]
    st.rerun()


def show_site(site: dict) -> None:
    """One site: its address, its indexed pages, its last report, and the pages that failed."""
    indexed = site["pages"].get("indexed", 0)
    st.markdown(f"**{_md(site['host'])}** · {indexed} bài viết đã lấy")
    report = site.get("last_report")
    for line in report_lines(report, site.get("last_run_at")):
        st.caption(line)
    problems = (report or {}).get("failed", []) + (report or {}).get("skipped", [])
    if problems:
        with st.expander(f"Trang lỗi hoặc bị bỏ qua ({len(problems)})"):
            st.markdown("\n".join(f"- {_md(p['url'])}: {_md(vietnamese(p['reason']))}" for p in problems[:SHOWN]))
            if len(problems) > SHOWN:
                st.caption(f"… và {len(problems) - SHOWN} trang khác.")


def report_lines(report: dict | None, when: float | None = None) -> list[str]:
    """A sync report in plain Vietnamese: the counts on one line, then the site's problems and the error."""
    if not report:
        return ["Chưa đồng bộ lần nào."]
    at = _time(report.get("finished_at") or report.get("started_at") or when)
    if report.get("state") == "running":
        return [f"Đang đồng bộ (bắt đầu {at})."]
    counts = [(len(report.get("new", [])), "bài mới"), (len(report.get("changed", [])), "bài sửa"),
              (report.get("unchanged", 0), "không đổi"), (len(report.get("duplicates", [])), "bài trùng"),
              (len(report.get("skipped_robots", [])), "bị robots.txt chặn"),
              (len(report.get("skipped", [])), "không phải bài viết"),
              (len(report.get("gone", [])), "không còn trên trang (vẫn giữ trong chỉ mục)")]
    parts = [f"{n} {label}" for n, label in counts if n]
    failed = report.get("failed", [])
    if failed:
        reasons = list(dict.fromkeys(vietnamese(f["reason"]) for f in failed))  # distinct, in order
        parts.append(f"{len(failed)} lỗi ({', '.join(reasons[:3])}{', …' if len(reasons) > 3 else ''})")
    lines = [f"Lần đồng bộ gần nhất{' ' + at if at else ''}: {', '.join(parts) or 'không có trang nào'}."]
    lines += [f"Vấn đề của trang web: {vietnamese(p)}" for p in report.get("problems", [])]
    if report.get("error"):
        lines.append(f"Lần đồng bộ dừng giữa chừng: {vietnamese(report['error'])}")
    return lines


@st.fragment(run_every=1.5)
def sync_progress(client: ApiClient, api_key: str) -> None:
    """Follows a running sync; when it ends, the whole page reruns for the new reports and counts.

    Always polled (not only after a click): the API's schedule starts syncs by itself too.
    """
    state = st.session_state
    try:
        sync = client.sync_status(api_key)
    except ApiError:
        return
    if sync["state"] == "running":
        state.sync_seen = None
        st.info(f"Đang đồng bộ {sync['sites']} trang web… Bài mới sẽ hỏi được khi xong.", icon=":material/sync:")
        return
    if sync["state"] in ("done", "failed") and state.get("sync_seen", sync["finished_at"]) is None:
        state.sync_seen = sync["finished_at"]
        st.rerun(scope="app")  # the sidebar's article count and the reports above change
    state.sync_seen = sync["finished_at"]
    if sync["state"] == "failed":
        st.error("Lần đồng bộ gần nhất bị lỗi. Hãy thử lại; nếu vẫn lỗi, hãy liên hệ bộ phận hỗ trợ CNTT.")


def _busy(exc: ApiError) -> str:
    # 409 is also a sync already running, which the client's generic 409 text does not say.
    if exc.status == 409 and "rebuild" not in exc.detail:
        return "một lần đồng bộ khác đang chạy; hãy chờ nó xong."
    return str(exc)


def _time(seconds: float | None) -> str:
    """``14:05 23/11`` in the reader's local time; empty if unknown."""
    return datetime.fromtimestamp(seconds).strftime("%H:%M %d/%m") if seconds else ""


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
