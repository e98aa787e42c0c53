"""The server's reasons in Vietnamese, for the admin panel.

The API and the fetcher state why a page, a file or a site was refused in English: tools and
IT support read them, and they stay stable for scripts. Admins at a Department of Education
read the chat, so each known reason is put in Vietnamese here, keeping its figures, addresses
and file names. A reason nested in another ("sitemap …: HTTP 404") is put in Vietnamese too.
A reason this table does not know is shown as it is, marked as a technical detail, rather
than hidden: it is what IT support needs.
"""

from __future__ import annotations

import re
from typing import Callable

_HTTP = {400: "yêu cầu không hợp lệ", 401: "cần đăng nhập", 403: "bị từ chối truy cập", 404: "không tìm thấy trang",
         410: "trang đã bị gỡ", 429: "gửi quá nhiều yêu cầu", 500: "lỗi máy chủ", 502: "lỗi cổng máy chủ",
         503: "máy chủ tạm ngừng phục vụ", 504: "máy chủ trả lời quá chậm"}


def _bytes(n: str) -> str:
    """``5000000`` as Vietnamese writes it: ``5.000.000``."""
    return f"{int(n):,}".replace(",", ".")


def _http(m: re.Match) -> str:
    code = int(m["code"])
    meaning = _HTTP.get(code) or ("lỗi máy chủ" if code >= 500 else "")
    return f"HTTP {code}" + (f": {meaning}" if meaning else "")


# (pattern matched against the whole reason, Vietnamese): a template naming the pattern's
# groups, or a function of the match. ``inner`` groups are reasons themselves.
_RULES: list[tuple[str, str | Callable[[re.Match], str]]] = [
    # fetching a page (rag/fetch)
    (r"HTTP (?P<code>\d{3})", _http),
    (r"not an HTML page \((?P<what>.*)\)", "không phải trang HTML ({what})"),
    (r"no article text found( on the page)?", "không tìm thấy nội dung bài viết"),
    (r"no article text after cleaning", "không còn nội dung bài viết sau khi làm sạch văn bản"),
    (r"only (?P<n>\d+) characters of text after cleaning: not an article",
     "chỉ còn {n} ký tự sau khi lọc phần thừa của trang: không phải bài viết"),
    (r"extraction failed \((?P<what>\w+)\)", "không tách được nội dung bài viết ({what})"),
    (r"URLs with a user name or password are not fetched", "không tải địa chỉ có kèm tên đăng nhập hoặc mật khẩu"),
    (r"cannot resolve (?P<host>\S+): (?P<what>.*)",
     "không phân giải được tên miền {host} (chi tiết kỹ thuật: {what})"),
    (r"redirected to another site \((?P<url>.*)\); not followed",
     "trang chuyển sang một trang web khác ({url}); không đi theo"),
    (r"larger than (?P<n>\d+) bytes \(the size limit\)", lambda m: f"lớn hơn giới hạn {_bytes(m['n'])} byte"),
    (r"no answer within (?P<s>[\d.]+) s", lambda m: f"không có phản hồi sau {m['s'].replace('.', ',')} giây"),
    (r"more than (?P<n>\d+) redirects", "chuyển hướng quá {n} lần"),
    (r"(?P<host>\S+) resolves to (?P<ip>\S+), a private, loopback or reserved address: refused .*",
     "{host} trỏ tới địa chỉ nội bộ {ip}: không tải (trang web nội bộ cần máy chủ bật "
     "RAG_FETCH_ALLOW_PRIVATE_ADDRESSES; hãy liên hệ bộ phận hỗ trợ CNTT)"),
    (r"(?P<what>Connect\w*|Read\w*|Remote\w*|\w*Protocol\w*)Error: (?P<detail>.*)",
     "lỗi kết nối tới máy chủ ({what}Error: {detail})"),
    (r"not indexed: (?P<inner>.*)", "chưa đưa được vào chỉ mục: {inner}"),
    (r"not an http\(s\) URL: (?P<url>.*)", "không phải địa chỉ http:// hoặc https://: {url}"),
    (r"url must be an http:// or https:// address", "địa chỉ phải bắt đầu bằng http:// hoặc https://"),
    # a site (rag/fetch/sites.py, robots.py, discover.py, sync.py)
    (r"(?P<host>\S+) is (?P<no>no longer|not) one of the hosts this server may fetch from \(RAG_FETCH_HOSTS\)",
     lambda m: f"{m['host']} {'không còn' if m['no'] == 'no longer' else 'không'} nằm trong danh sách máy chủ "
               "được phép tải (RAG_FETCH_HOSTS); hãy liên hệ bộ phận hỗ trợ CNTT"),
    (r"listing page (?P<url>\S+) is not on (?P<host>\S+)", "trang danh sách {url} không thuộc {host}"),
    (r"robots\.txt could not be read \((?P<inner>.*)\); nothing fetched this time",
     "không đọc được robots.txt ({inner}); lần này không tải trang nào"),
    (r"robots\.txt answered HTTP (?P<code>\d{3}); nothing fetched this time",
     "robots.txt trả lời HTTP {code}; lần này không tải trang nào"),
    (r"sitemap (?P<url>\S+): (?P<inner>.*)", "sơ đồ trang (sitemap) {url}: {inner}"),
    (r"not a readable sitemap \(empty\)", "sơ đồ trang trống"),
    (r"not a readable sitemap \((?P<inner>.*)\)", "không đọc được sơ đồ trang ({inner})"),
    (r"not a sitemap \(root element <(?P<tag>[^>]*)>\)", "không phải sơ đồ trang (phần tử gốc <{tag}>)"),
    (r"more than (?P<n>\d+) bytes once decompressed", lambda m: f"quá {_bytes(m['n'])} byte sau khi giải nén"),
    (r"home page (?P<url>\S+): (?P<inner>.*)", "trang chủ {url}: {inner}"),
    (r"feed (?P<url>\S+): (?P<inner>.*)", "nguồn tin RSS {url}: {inner}"),
    (r"listing (?P<url>\S+): (?P<inner>.*)", "trang danh sách {url}: {inner}"),
    (r"the index stayed locked by a rebuild or another writer for (?P<s>\d+) s; "
     r"(?P<n>\d+) fetched pages will be fetched again next time",
     "chỉ mục bận cập nhật suốt {s} giây; {n} trang đã tải sẽ được tải lại lần sau"),
    (r"(?P<what>\w+): see the server log", "lỗi {what}; chi tiết trong nhật ký máy chủ"),
    # a file (rag/sources.py, rag/ingest, rag/files, rag/sync)
    (r"unsupported file type (?P<what>.*?)(; send one of | \(use )(?P<types>[^)]*)\)?",
     lambda m: f"không nhận loại tệp {'không có đuôi' if m['what'] == repr('(none)') else m['what']}; "
               f"chỉ nhận {m['types']}"),
    (r"(the file is )?not UTF-8 text \((invalid )?byte (at position )?(?P<n>\d+)\)",  # counted from 0
     lambda m: f"tệp không phải văn bản UTF-8 (byte thứ {int(m['n']) + 1} không đọc được); "
               "hãy lưu lại tệp với bảng mã UTF-8"),
    (r"the text contains a control character \((?P<code>U\+[0-9A-F]+)\); send plain UTF-8 text",
     "văn bản chứa ký tự điều khiển ({code}); hãy gửi văn bản UTF-8 thuần"),
    (r"the text repeats the same word \((?P<word>.*)\) instead of being an article",
     "văn bản lặp đi lặp lại một từ ({word}), không phải bài viết"),
    (r"the text holds no Vietnamese words; only Vietnamese articles are indexed",
     "văn bản không có từ tiếng Việt; chỉ nhận bài viết tiếng Việt"),
    (r"the article is too long: more than (?P<n>\d+) chunks \(RAG_MAX_CHUNKS_PER_ARTICLE\); "
     r"split it into several articles", "bài viết quá dài (hơn {n} đoạn); hãy tách thành nhiều bài"),
    (r"the upload has no file name", "tệp tải lên không có tên"),
    # a question or a title (api/schemas.py), after its field's name ("câu hỏi: …")
    (r"\w+ must not be empty", "đang trống"),
    (r"\w+ must be at most (?P<n>\d+) characters", lambda m: f"dài quá {_bytes(m['n'])} ký tự; hãy rút gọn"),
    (r"\w+ must not contain control characters.*",
     "có ký tự điều khiển không hợp lệ (thường do dán từ phần mềm khác); hãy gõ lại"),
    (r"\w+ must contain a word, not only punctuation", "cần có ít nhất một từ"),
    (r"the same text is already indexed as article (?P<id>\S+) \((?P<file>.*)\); nothing was added",
     "nội dung này đã có trong bài viết {id} (tệp {file}); không thêm bản sao"),
    (r"file name too long: at most (?P<n>\d+) bytes once stored; rename the file",
     "tên tệp quá dài (tối đa {n} byte); hãy đổi tên tệp"),
    (r"upload too large: at most (?P<n>\d+) bytes", lambda m: f"tệp quá lớn: tối đa {_bytes(m['n'])} byte"),
    (r"request body too large: at most (?P<n>\d+) bytes", lambda m: f"dữ liệu gửi lên quá lớn: tối đa {_bytes(m['n'])} byte"),
    (r"cannot read the article: (?P<inner>.*)", "không đọc được bài viết: {inner}"),
    (r"send the article file in a form field named 'file'", "tệp bài viết phải được gửi trong trường 'file'"),
    (r"line (?P<n>\d+): invalid JSON \((?P<what>.*)\)", "dòng {n}: JSON không hợp lệ ({what})"),
    (r"line (?P<n>\d+): expected an object with a 'text' string", "dòng {n}: cần một đối tượng JSON có trường 'text'"),
]
_COMPILED = [(re.compile(p, re.DOTALL), out) for p, out in _RULES]


def vietnamese(reason: str | None) -> str:
    """``reason`` (the server's, in English) in Vietnamese; an unknown one is kept as it is,
    marked as a technical detail."""
    reason = (reason or "").strip()
    if not reason:
        return ""
    text = _translated(reason)
    if text is None:
        # The API's 422s join one reason per field: "home: not an http(s) URL: 'ftp://…'; …".
        parts = [_field_reason(part) for part in reason.split("; ")]
        text = "; ".join(parts) if all(p is not None for p in parts) else None
    return text if text is not None else f"chi tiết kỹ thuật: {reason}"


_FIELD = re.compile(r"^(?P<field>[\w.]+): (?P<reason>.*)$", re.DOTALL)
_FIELDS = {"question": "câu hỏi", "home": "trang chủ", "listings": "trang danh sách", "url": "địa chỉ", "file": "tệp", "text": "nội dung",
           "title": "tiêu đề", "date": "ngày"}


def _field_reason(part: str) -> str | None:
    """One field's reason with the field named in Vietnamese ("listings.0" → "trang danh sách
    thứ 1"), or ``None`` if the reason is unknown."""
    m = _FIELD.match(part)
    text = _translated(m["reason"] if m else part)
    if text is None or not m:
        return text
    name, _, index = m["field"].partition(".")
    where = _FIELDS.get(name, name) + (f" thứ {int(index) + 1}" if index.isdigit() else "")
    return f"{where}: {text}"


def _translated(reason: str) -> str | None:
    for pattern, out in _COMPILED:
        m = pattern.fullmatch(reason)
        if not m:
            continue
        if callable(out):
            return out(m)
        groups = {k: v or "" for k, v in m.groupdict().items()}
        if "inner" in groups:
            inner = _translated(groups["inner"])
            groups["inner"] = inner if inner is not None else f"chi tiết kỹ thuật: {groups['inner']}"
        return out.format(**groups)
    return None
