"""The answer step on the sample articles: short answers of each kind, several sources,
honest refusals (another province, year or term, uncovered topics, small talk) and filters."""

from __future__ import annotations

import re
import shutil

import pytest

from rag.answer import support
from rag.answer.span import ShortAnswer, find
from rag.index import Index
from rag.retrieve import Filters
from tests.conftest import ROOT


@pytest.mark.parametrize("question, short, kind", [
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?", "21/5/2020", "date"),
    ("Có bao nhiêu đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn?", "139 đảng viên", "number"),
    # A head count, not the share beside it ("100% đảng viên dự Đại hội nhất trí …").
    ("Có bao nhiêu đảng viên dự đại hội đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?", "139 đảng viên", "number"),
    ("Giám đốc Sở GDĐT Trà Vinh là ai?", "Nguyễn Thị Bạch Vân", "person"),
    # The meeting's own title quoted, the half it plans named as planned: it answers.
    ("Hội nghị sơ kết công tác Đảng 6 tháng đầu năm 2020, triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2020 "
     "của Sở GDĐT Sóc Trăng diễn ra ngày nào?", "03-7-2020", "date"),
    # The part of the year the report covers ("Sơ kết … 6 tháng đầu năm"), spelled otherwise.
    ("Hội nghị sơ kết công tác Đảng sáu tháng đầu năm 2020 của Đảng ủy Sở GDĐT Sóc Trăng tổ chức ngày nào?",
     "03-7-2020", "date"),
    # A polite request before the question is not searched; "tên là gì" after a post asks who.
    ("Cho tôi biết Giám đốc Sở GDĐT Trà Vinh là ai?", "Nguyễn Thị Bạch Vân", "person"),
    ("Giám đốc Sở GDĐT Trà Vinh tên là gì?", "Nguyễn Thị Bạch Vân", "person"),
    # The name whose apposition holds the post, not the deputy's named beside it.
    ("Bí thư Đảng ủy Sở GDĐT Lạng Sơn nhiệm kỳ 2015-2020 tên là gì?", "Trần Quốc Tuấn", "person"),
    ("Phó Bí thư Đảng ủy Sở GDĐT Lạng Sơn nhiệm kỳ 2015-2020 là ai?", "Hà Thị Khánh Vân", "person"),
    ("Cho tôi biết Bí thư Đảng ủy Sở GDĐT Lạng Sơn nhiệm kỳ 2015-2020 là ai?", "Trần Quốc Tuấn", "person"),
    # Asked who a named person is, the post written beside the name.
    ("Nguyễn Thị Bạch Vân là ai?", "Tỉnh ủy viên, Giám đốc Sở GDĐT", "post"),
    ("Đồng chí Nguyễn Trọng Thắng giữ chức vụ gì?", "Phó Bí thư Đảng ủy, Phó Giám đốc Sở GDĐT", "post"),
    ("Bà Nguyễn Thị Tuyết Hà là ai?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "post"),
    ("Giám đốc Sở GDĐT Sóc Trăng tên là gì?", "Nguyễn Thị Tuyết Hà", "person"),
    # The post asked by its role ("người đứng đầu", "thủ trưởng", "cấp phó"); the year's "năm"
    # does not pull the scene-setting sentence, nor a body's initials ("BCH Đảng") answer who.
    ("Người đứng đầu Sở Giáo dục và Đào tạo Trà Vinh là ai?", "Nguyễn Thị Bạch Vân", "person"),
    ("Thủ trưởng Sở GDĐT Trà Vinh năm 2021 là ai?", "Nguyễn Thị Bạch Vân", "person"),
    ("Năm 2020, người đứng đầu Sở GDĐT Sóc Trăng là ai?", "Nguyễn Thị Tuyết Hà", "person"),
    ("Ai là cấp phó của Sở GDĐT Lạng Sơn?", "Hà Thị Khánh Vân", "person"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn lựa chọn chủ đề gì?",
     "Tiếp tục nâng cao năng lực lãnh đạo, sức chiến đấu của toàn đảng bộ", "quote"),
    ("Báo cáo chuyên đề lần 1/2020 của Đảng ủy Sở GDĐT Sóc Trăng về vấn đề gì?",
     "Tiếp tục đẩy mạnh xã hội hóa giáo dục", "quote"),
    # Yes or no: the clause that settles it, a list joined by commas whole.
    ("Tỷ lệ đảng viên nữ của Đảng bộ Sở GDĐT Kon Tum có tăng không?", "tỷ lệ đảng viên nữ tăng", "confirm"),
    ("Sở GDĐT Trà Vinh có tổ chức hội nghị cán bộ công chức năm 2021 không?",
     "Hội nghị cán bộ, công chức và người lao động năm 2021", "confirm"),
    # A count typed as a search, with no question word.
    ("số chi bộ trực thuộc Đảng bộ Sở GDĐT Lạng Sơn dự đại hội 2020", "7 chi bộ", "number"),
    # Why and on what grounds: the clause the cause or the grounds open, with its marker.
    ("Hội nghị sơ kết công tác Đảng 6 tháng đầu năm 2020 của Đảng ủy Sở GDĐT Sóc Trăng được tổ chức căn cứ vào đâu?",
     "Căn cứ vào chương trình làm việc BCH Đảng bộ Sở GDĐT tỉnh Sóc Trăng năm 2020", "reason"),
    ("Vì sao Ban Thường vụ Đảng ủy Khối làm việc với Đảng bộ Sở GDĐT Kon Tum năm 2023?",
     "Thực hiện Chương trình công tác năm 2023 của Ban Thường vụ Đảng ủy Khối", "reason"),
    # A quotation is taken in whole, never cut at its comma with a stray mark.
    ("Trong tổng kết năm 2020, Đảng bộ Sở GD&ĐT được Đảng ủy Khối tặng bằng khen gì?",
     "tổ chức cơ sở Đảng “trong sạch, vững mạnh”", "span"),
    # "Ai đứng đầu …?" asks who heads it, as "người đứng đầu" does.
    ("Ai đứng đầu Sở GDĐT Trà Vinh?", "Nguyễn Thị Bạch Vân", "person"),
    # Named in a passage the sentence about "giữ chức" outranks: the name is searched twice.
    ("Ông Trần Quốc Tuấn giữ chức gì?", "Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020", "post"),
    # Of a list of presentations, the item saying what the question says; a school named after
    # a person ("trường THPT chuyên Chu Văn An") is no person.
    ("Ai trình bày tham luận về nâng cao chất lượng sinh hoạt chi bộ tại Đại hội Lạng Sơn?",
     "Bí thư chi bộ trường THPT chuyên Chu Văn An", "person"),
    ("Ai trình bày tham luận về công tác tham mưu thực hiện Nghị quyết 29 tại Đại hội Lạng Sơn?",
     "Bí thư chi bộ GDTrH- QLCL", "person"),
    # Two documents with their dates in one sentence: the date written after the code asked,
    # typed in either case.
    ("Kết luận số 01-KL/TW của Bộ Chính trị ban hành ngày nào?", "18/5/2021", "date"),
    ("kết luận số 01-kl/tw ban hành ngày nào?", "18/5/2021", "date"),
    # Who issued a document the question names by its code: written after the code and its date.
    ("Kết luận số 21-KL/TW là của cơ quan nào?", "Ban Chấp hành Trung ương Đảng", "organisation"),
    ("Kết luận số 01-KL/TW do ai ban hành?", "Bộ Chính trị", "organisation"),
    # Typed by its number alone (a staff user's "hướng dẫn số 08 do ai ban hành" got "Có thể là: Cần").
    ("hướng dẫn số 08 do ai ban hành", "BTC Tỉnh ủy", "organisation"),
    # "theo văn bản nào?": the document the quote cites, with its date and issuer (a dev4 and a
    # dev5 question had got "các cuộc họp đầy đủ các yêu cầu"); of two, the one whose issuer the
    # question names, which the answer then leaves out.
    ("Chi ủy phải hướng dẫn ghi biên bản họp chi bộ theo văn bản nào ở Sóc Trăng?",
     "Hướng dẫn số 08-HD/BTCTU, ngày 07-8-2018 của BTC Tỉnh ủy", "entity"),
    ("Bí thư Đảng ủy Khối đề nghị Đảng bộ Sở GDĐT Kon Tum tiếp tục thực hiện kết luận nào của Bộ Chính trị?",
     "Kết luận số 01-KL/TW ngày 18/5/2021", "entity"),
    # A range whole when nothing counted is asked (a staff user got "75"); "bch" typed for "ban
    # chấp hành", which anchors the count elected to it (a staff user got the delegation's count).
    ("mục tiêu trường chuẩn quốc gia trong nhiệm kỳ là bao nhiêu", "75 đến 85 trường", "number"),
    ("đại hội bầu bn ủy viên bch", "09 đồng chí", "number"),
    # A staff user's "văn bản nào … được nhắc" had been refused ("văn bản", "nhắc" never written),
    # and "nghị quyết 29 về nội dung gì" given the whole 80-word sentence: what it is about.
    ("văn bản nào của bộ chính trị được nhắc", "Kết luận số 01-KL/TW ngày 18/5/2021", "entity"),
    ("nghị quyết 29 về nội dung gì", "đổi mới căn bản, toàn diện GDĐT", "span"),
    # Counts listed one after another each lead what they count: the one whose own stretch says
    # the question's words (a dev5 question had got the 04 after "… cấp cơ sở,").
    ("Bao nhiêu người ở Sở GDĐT Trà Vinh được công nhận Chiến sĩ thi đua cấp cơ sở năm học 2019-2020?", "08",
     "number"),
    # Roles before the verb, not the Director a neighbouring sentence names ("Có thể là: Công đoàn").
    ("Ai phát động phong trào thi đua năm 2021 ở Sở GDĐT Trà Vinh?", "Ban Giám đốc, Chủ tịch Công đoàn cơ sở",
     "person"),
    # "tổng kết" with the part of the year it covers is pinned by that part, not as a kind of meeting.
    ("Đảng ủy Sở GDĐT Sóc Trăng tổng kết công tác Đảng 6 tháng đầu năm 2020 ngày nào?", "03-7-2020", "date"),
    # "ở tỉnh nào?" asks a province, not the hall the sentence names.
    ("Đại hội Đảng bộ Sở GDĐT nhiệm kỳ 2020-2025 được tổ chức ở tỉnh nào?", "Lạng Sơn", "place"),
    # A range whole ("75 đến 85 trường"), the counted noun to its word's end ("chuyên môn").
    ("Đảng bộ Sở GDĐT Lạng Sơn phấn đấu bao nhiêu trường chuẩn quốc gia?", "75 đến 85 trường", "number"),
    ("Bao nhiêu phòng chuyên môn của Sở GDĐT Trà Vinh đạt danh hiệu Lao động tiên tiến?", "6/6 phòng chuyên môn",
     "number"),
    # "những giải pháp chủ yếu nào" asks for the list, four words between "những" and "nào"
    # (an API probe got "như sau", the sentence's last words before its ":").
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn đã xác định những giải pháp chủ yếu nào?", "Bám sát chủ trương lãnh đạo",
     "list"),
    # Of two shares in a sentence, the share of what the question names.
    ("Tỷ lệ quần chúng được triển khai nghị quyết của Đảng bộ Sở GDĐT Lạng Sơn là bao nhiêu?", "trên 95% quần chúng",
     "number"),
    # "khi nào" gets the day, not the term the congress opened.
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra khi nào?", "21/5/2020", "date"),
    # Asked when a meeting of 2021 was, a school year ("năm học 2020-2021") is no answer.
    ("Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021 diễn ra khi nào?", "25/01/2021", "date"),
])
def test_short_answer_is_the_span_that_answers(assistant, question, short, kind):
    answer = assistant.ask(question)
    assert not answer.abstained and answer.status == "answered"
    sa = answer.short_answer
    assert sa is not None and short in sa.text and sa.kind == kind
    article = Index.open(assistant.settings.index_dir).store.get_article(answer.citations[sa.citation - 1].article_id)
    assert article.text[sa.start : sa.end] == sa.text  # verbatim, exact offsets
    c = answer.citations[sa.citation - 1]
    assert c.start <= sa.start and sa.end <= c.end  # inside the quote


@pytest.mark.parametrize("question, sentence, expected", [
    ("Tại sao lại phải loại trừ số một?", "Số một bị loại trừ bởi vì người ta có thể tùy ý thêm nhiều thừa số 1.",
     "bởi vì người ta có thể tùy ý thêm nhiều thừa số 1"),
    ("Vì sao chương trình phải kết hợp thực tập tại doanh nghiệp?",
     "Chương trình kết hợp thực tập tại doanh nghiệp nhằm nâng cao năng lực thực hành của người học.",
     "nhằm nâng cao năng lực thực hành của người học"),
    ("Lí do gì khiến học sinh được nghỉ?", "Học sinh được nghỉ vì mưa lũ kéo dài.", "vì mưa lũ kéo dài"),
    # "vì vậy" says what follows, and "do" names who did it: neither is a cause.
    ("Vì sao hội nghị được tổ chức?", "Báo cáo do đồng chí Bí thư trình bày; vì vậy hội nghị được tổ chức để "
     "đánh giá kết quả năm 2020.", "để đánh giá kết quả năm 2020"),
    ("Hội nghị được tổ chức dựa trên cơ sở nào?", "Thực hiện Kế hoạch số 12, ngày 5/4, Sở tổ chức hội nghị.",
     "Thực hiện Kế hoạch số 12"),
])
def test_why_questions_get_the_cause_with_its_marker(question, sentence, expected):
    sa = find(question, None, [(sentence, 7)])
    assert sa is not None and sa.text == expected and sa.kind == "reason" and sa.sure
    assert sentence[sa.start - 7:sa.end - 7] == sa.text


def test_a_unit_asked_by_which_is_an_organisation_not_a_person():
    from rag.answer.question import answer_kind

    # "đơn vị nào" holds "vị nào" (which person), and was read so: the quote's body was then
    # refused for naming no person.
    assert answer_kind("Đơn vị nào tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2020?") == "organisation"
    assert support.unsupported("Đơn vị nào tổ chức hội nghị?", ShortAnswer("Đảng ủy Khối", 0, 12, "organisation"),
                               "Đảng ủy Khối tổ chức hội nghị.", 0) is None
    assert answer_kind("Vị nào chủ trì hội nghị?") == answer_kind("Đồng chí nào chủ trì hội nghị?") == "person"


@pytest.mark.parametrize("question, kind", [
    # "gồm những ai" asks for what follows "gồm:" (had been read as one person: "Hộ").
    ("Đối tượng được hưởng chính sách hỗ trợ đặc thù gồm những ai?", "list"),
    ("Thành phần đoàn công tác gồm ai?", "list"),
    ("Những ai dự Hội nghị?", "person"),
    ("Ai chủ trì hội nghị?", "person"),
])
def test_who_a_group_is_made_of_asks_for_a_list(question, kind):
    from rag.answer.question import answer_kind

    assert answer_kind(question) == kind


def test_a_name_in_a_question_is_whole_and_stops_at_a_post():
    from rag.answer.question import read

    assert read("Bà Phạm Thị Trung có phải là Giám đốc Sở GDĐT Lạng Sơn không?").names == ["Phạm Thị Trung"]
    assert read("Đồng chí Trần Quốc Tuấn Bí thư Đảng ủy Sở GDĐT Lạng Sơn nhiệm kỳ nào?").names == ["Trần Quốc Tuấn"]
    assert read("Ông Lê Văn Hùng Trưởng phòng là ai?").names == ["Lê Văn Hùng"]
    assert support.asked_post("Năm học 2020-2021, ai là Hiệu trưởng trường THPT Chu Văn An?") == "hiệu_trưởng"


def test_a_count_typed_as_a_search_asks_how_many():
    from rag.answer.question import count_typed

    assert count_typed("số chi bộ trực thuộc Đảng bộ dự đại hội") == "bao nhiêu chi bộ trực thuộc Đảng bộ dự đại hội"
    assert count_typed("Tổng số lượng đảng viên năm 2020") == "bao nhiêu đảng viên năm 2020"
    # After a topic and a colon (an API probe's got "thuộc 7 chi bộ trực thuộc").
    assert count_typed("Lạng Sơn: số đảng viên dự đại hội?") == "bao nhiêu đảng viên dự đại hội Lạng Sơn?"
    assert count_typed("Điều 5: số hiệu là gì?") == "Điều 5: số hiệu là gì?"
    for other in ("Số điện thoại của Sở GDĐT", "Số chi bộ là bao nhiêu?", "số 12 đường Lê Lợi", "Số hiệu văn bản",
                  "Chi bộ số 3 có mấy đảng viên?", "Số liệu tuyển sinh lớp 10 năm 2023", "số hóa hồ sơ học sinh",
                  "Số CMND của tôi", "số phận của dự án", "Số lượng"):
        assert count_typed(other) == other


def test_a_cause_comes_from_a_sentence_sharing_the_question_words():
    sentences = [("Đoàn viên tham gia để học tập kinh nghiệm.", 0), ("Sở tổ chức hội nghị để đánh giá kết quả.", 50)]
    sa = find("Vì sao Sở tổ chức hội nghị?", None, sentences)
    assert sa.text == "để đánh giá kết quả" and sa.start == 50 + sentences[1][0].index("để")


def test_yes_no_questions_get_the_clause_that_settles_them():
    from rag.answer.span.confirm import asks_yes_no

    for question in ("Trên bằng Tiến sĩ danh dự có được ghi ngành đào tạo không?", "Có phải 100% công chức đạt "
                     "Lao động tiên tiến không?", "Trường đã đạt chuẩn quốc gia chưa?", "Hội nghị diễn ra ở Trà Vinh phải không?"):
        assert asks_yes_no(question), question
    for question in ("Tại sao tỷ lệ đảng viên nữ không tăng?", "Bạn có biết ai chủ trì hội nghị không?",
                     "Hội nghị diễn ra ở đâu?", "Không khí hội nghị thế nào?", "Xin cảm ơn, không"):
        assert not asks_yes_no(question), question
    question = "Trên bằng Tiến sĩ danh dự có được ghi học vị Tiến sĩ và ngành đào tạo không?"
    sentence = 'Bằng Tiến sĩ danh dự ghi rõ tên người được phong tặng, không ghi "học vị Tiến sĩ" và không ghi ngành đào tạo.'
    sa = find(question, None, [(sentence, 40)])
    assert sa.text == 'không ghi "học vị Tiến sĩ" và không ghi ngành đào tạo' and sa.kind == "confirm" and sa.sure
    assert sentence[sa.start - 40:sa.end - 40] == sa.text
    # A "." or ":" inside a number, a time or an abbreviation ends no clause; "… không ạ?" asks too.
    sa = find("Trường có 1.200 học sinh được nhận học bổng không ạ?", None,
              [("Năm nay trường có 1.200 học sinh được nhận học bổng của tỉnh.", 0)])
    assert sa.text == "Năm nay trường có 1.200 học sinh được nhận học bổng của tỉnh" and sa.kind == "confirm"
    assert find("Hội nghị có diễn ra tại TP.HCM không?", None, [("Hội nghị diễn ra tại TP.HCM lúc 7:30.", 0)]).text == (
        "Hội nghị diễn ra tại TP.HCM lúc 7:30")
    # An enumeration is read on to the item the question names ("trang phục"), not cut at its first comma.
    sa = find("Người livestream có được sử dụng trang phục trái thuần phong mỹ tục không?", None, [(
        "6. Không sử dụng ngôn ngữ, hình ảnh, trang phục, hành vi trái đạo đức xã hội, thuần phong mỹ tục trong "
        "quá trình livestream bán hàng.", 0)])
    assert sa.kind == "confirm" and sa.text.startswith("Không sử dụng ngôn ngữ") and sa.text.endswith("trang phục")
    # …but not on into clauses saying something else ("kết nạp 2 đảng viên mới", a count).
    assert find("Chi bộ có tổ chức sinh hoạt chuyên đề không?", None, [(
        "Chi bộ tổ chức sinh hoạt chuyên đề hằng quý, kết nạp 2 đảng viên mới, chi bộ được xếp loại tốt.", 0)]).text == (
        "Chi bộ tổ chức sinh hoạt chuyên đề hằng quý")
    # Nothing in the quote repeats what is asked: no short answer rather than a guess.
    assert find("Học sinh có được miễn học phí không?", None, [("Hội nghị diễn ra ngày 5/4 tại Trà Vinh.", 0)]) is None
    # The clause must say what is asked: the setting alone ("đảng viên … Lạng Sơn") or another
    # figure ("100%" asked "50%") would read as a yes (found by a staff user's pass through the chat).
    assert find("Tỷ lệ đảng viên nữ của Đảng bộ Sở GDĐT Lạng Sơn có tăng không?", None, [(
        "100% đảng viên dự Đại hội nhất trí thông qua Nghị quyết Đại hội Đảng bộ Sở GDĐT Lạng Sơn.", 0)]) is None
    quote = [("Kết quả: có 100% công chức và người lao động đạt danh hiệu Lao động tiên tiến trở lên.", 0)]
    assert find("Có phải 50% công chức Sở GDĐT Trà Vinh đạt Lao động tiên tiến không?", None, quote) is None
    assert find("Có phải 100% công chức Sở GDĐT Trà Vinh đạt Lao động tiên tiến không?", None, quote).kind == "confirm"
    # Asked why and no cause written: whatever stands at the question's place is only a guess.
    guess = find("Tại sao Sở GDĐT Lạng Sơn tổ chức hội nghị?", None,
                 [("Dự đại hội có mặt 139 đảng viên thuộc 7 chi bộ trực thuộc Đảng bộ Sở GDĐT Lạng Sơn.", 0)])
    assert guess is None or not guess.sure
    # "Do đâu …?" asks why, never where: no place from the quote.
    sa = find("Do đâu mà trường bị phạt?", "place", [("Trường bị phạt do vi phạm quy định về thu chi tại Hà Nội.", 0)])
    assert sa is None or sa.kind != "place"


_TRUNG = "Về phía Sở có đồng chí Phạm Thị Trung-Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT cùng tham gia."
_TRONG = "Đồng chí Bùi Thái Trọng- Tỉnh ủy viên, Bí thư Đảng ủy Khối chủ trì buổi làm việc."
_VAN = ("Đồng chí Hà Thị Khánh Vân, Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở, "
        "nhiệm kỳ 2020 – 2025.")
_THANG = "Tới dự có đồng chí Nguyễn Đức Thắng, Phó Bí thư Đảng ủy Khối các cơ quan tỉnh và các đồng chí lãnh đạo."
_TUAN = "Đồng chí Trần Quốc Tuấn – Tỉnh ủy viên, Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020, phát biểu khai mạc."


@pytest.mark.parametrize("sentence, question, span, verdict", [
    (_TRUNG, "Bà Phạm Thị Trung có phải là Giám đốc Sở GDĐT không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "có"),
    (_TRUNG, "Bà Phạm Thị Trung có phải là Bí thư Đảng ủy Sở GDĐT không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT",
     "có"),  # "Bí thư Đảng ủy" of the Sở she is Giám đốc of
    (_TRUNG, "Đồng chí Phạm Thị Trung là Tỉnh ủy viên phải không ạ?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT",
     "có"),
    # Its deputy, or another body's post, is a no.
    (_TRUNG, "Bà Phạm Thị Trung có phải là Phó Giám đốc Sở GDĐT không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT",
     "không"),
    (_TRUNG, "Bà Phạm Thị Trung có phải là Phó-Giám đốc Sở không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "không"),
    (_TRUNG, "Bà Phạm Thị Trung có phải là Bí thư Tỉnh ủy không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "không"),
    (_TRUNG, "Bà Phạm Thị Trung có phải là Giám đốc Công an tỉnh không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT",
     "không"),
    (_TRONG, "Ông Bùi Thái Trọng có phải là Bí thư Đảng ủy Sở GDĐT không?", "Tỉnh ủy viên, Bí thư Đảng ủy Khối", "không"),
    (_TRONG, "Ông Bùi Thái Trọng có phải là Bí thư Đảng ủy Khối không?", "Tỉnh ủy viên, Bí thư Đảng ủy Khối", "có"),
    # A post not written beside the name may still be held: the posts, no verdict.
    (_TRUNG, "Bà Phạm Thị Trung có phải là Hiệu trưởng không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", None),
    # Written further on in the name's clause, after "được bầu giữ chức".
    (_VAN, "Bà Hà Thị Khánh Vân có phải là Phó Bí thư không?", "Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở",
     "có"),
    (_VAN, "Bà Hà Thị Khánh Vân có phải là Bí thư Đảng ủy Sở không?",
     "Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở", "không"),
    (_TUAN, "Ông Trần Quốc Tuấn có phải là Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020 không?",
     "Tỉnh ủy viên, Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020", "có"),
    # A time or a province after "Sở" names no other body; a Khối is the one named (a second API probe).
    (_VAN, "Bà Hà Thị Khánh Vân có phải là Phó Bí thư Đảng ủy Khối không?",
     "Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở", "không"),
    (_VAN, "Bà Hà Thị Khánh Vân có phải là Phó Bí thư Tỉnh ủy không?",
     "Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở", "không"),
    (_TRUNG, "Phạm Thị Trung có phải là Giám đốc Sở tỉnh Kon Tum không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT",
     "có"),
    (_TRUNG, "Phạm Thị Trung có phải là Giám đốc Sở năm 2023 không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "có"),
    (_THANG, "Nguyễn Đức Thắng có phải là Phó Bí thư Đảng ủy Khối Doanh nghiệp tỉnh không?",
     "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh", "không"),
    (_THANG, "Nguyễn Đức Thắng có phải là Phó Bí thư Đảng ủy Khối các cơ quan tỉnh không?",
     "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh", "có"),
    # Another Department than the education one is another body (from a cold read).
    (_TRUNG, "Bà Phạm Thị Trung có phải là Giám đốc Sở Y tế không?", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT",
     "không"),
    (_TRUNG, "Bà Phạm Thị Trung có phải là Giám đốc Sở Giáo dục và Đào tạo không?",
     "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "có"),
])
def test_a_claimed_post_is_settled_yes_or_no_by_the_post_beside_the_name(sentence, question, span, verdict):
    sa = find(question, None, [(sentence, 10)])
    assert (sa.text, sa.kind, sa.verdict, sa.sure) == (span, "post", verdict, True)
    assert sentence[sa.start - 10 : sa.end - 10] == sa.text


def test_a_post_held_for_another_term_settles_nothing():
    """Bí thư for 2015-2020, asked about 2020-2025: the posts, unsure, no verdict."""
    sa = find("Ông Trần Quốc Tuấn có phải là Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2020-2025 không?", None, [(_TUAN, 0)])
    assert (sa.text, sa.verdict, sa.sure) == ("Tỉnh ủy viên, Bí thư Đảng ủy Sở GDĐT nhiệm kỳ 2015-2020", None, False)
    # Asked of no term, in a sentence reporting a later one: as "Ai là Bí thư …?" marks him, a guess.
    later = _TUAN.replace("phát biểu khai mạc.", "khai mạc Đại hội nhiệm kỳ 2020-2025.")
    sa = find("Ông Trần Quốc Tuấn có phải là Bí thư Đảng ủy Sở GDĐT không?", None, [(later, 0)])
    assert (sa.verdict, sa.sure) == (None, False)


@pytest.mark.parametrize("question", ["Bà Phạm Thị Trung không phải là Giám đốc Sở à?",
                                      "Bà Phạm Thị Trung không phải là Phó Giám đốc Sở GDĐT sao?"])
def test_a_negated_claim_gets_the_posts_and_no_verdict(question):
    """Whether "không" agrees or denies reads either way: the posts, no "Có"/"Không" (a probe
    got "các đồng chí trong Ban Chấp hành Đảng bộ cùng tham gia" as a sure answer)."""
    sa = find(question, None, [(_TRUNG, 0)])
    assert (sa.text, sa.kind, sa.verdict, sa.sure) == ("Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc Sở GDĐT", "post", None, True)


@pytest.mark.parametrize("question", [
    "Bà Nguyễn Thị Hoa có phải là Giám đốc Sở GDĐT không?",  # not named in the quote
    "Hội nghị có phải do Giám đốc Sở chủ trì không?",  # no person named: the clause, no verdict
    "Bà Phạm Thị Trung có dự buổi làm việc không?",  # no post claimed
    "Bà Phạm Thị Trung có phải là nguyên Giám đốc Sở không?",  # a former post: not what the article's tense says
])
def test_no_verdict_without_a_named_person_s_claimed_post(question):
    sa = find(question, None, [(_TRUNG, 0)])
    assert sa is None or sa.verdict is None


def test_a_yes_no_question_about_a_post_gets_a_verdict_through_the_pipeline(assistant):
    """"… phải không?" and "Ông" are the asking and the address: neither must sink the evidence
    (an article writes "đồng chí Nguyễn Trọng Thắng")."""
    answer = assistant.ask("Ông Nguyễn Trọng Thắng là Giám đốc Sở GDĐT Kon Tum phải không?")
    assert answer.status == "answered" and answer.short_answer.verdict == "không"
    assert answer.short_answer.text == "Phó Bí thư Đảng ủy, Phó Giám đốc Sở GDĐT"
    answer = assistant.ask("Ông Nguyễn Trọng Thắng có phải là Phó Giám đốc Sở GDĐT không?")
    assert answer.short_answer.verdict == "có"
    # The sentence naming her post of the term asked about, not the one of the term before.
    answer = assistant.ask("Bà Hà Thị Khánh Vân có phải là Bí thư Đảng ủy Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025 không?")
    assert answer.short_answer.verdict == "không" and "Phó Bí thư Đảng bộ Sở" in answer.short_answer.text
    # A name opening the question is read whole ("Hà Thị …", not "Thị Khánh Vân").
    answer = assistant.ask("Hà Thị Khánh Vân có phải là Phó Bí thư Đảng ủy Sở nhiệm kỳ 2015-2020 không?")
    assert answer.short_answer.verdict == "có" and "2015-2020" in answer.short_answer.text
    # A person from another province's article: refused, not answered from the province's.
    answer = assistant.ask("Bà Phạm Thị Trung có phải là Giám đốc Sở GDĐT Lạng Sơn không?")
    assert answer.status == "out_of_scope" and answer.short_answer is None


@pytest.mark.parametrize("sentence, question, kind, expected", [
    ("Theo thống kê, dân số của Vùng đại Los Angeles là 17.786.419 người vào năm 2010.",
     "Dân số của Vùng đại Los Angeles là bao nhiêu?", "number", "17.786.419 người"),
    ("Các số lớn hơn 1 không phải là số nguyên tố được gọi là hợp số.",
     "Các số lớn hơn 1 không phải là số nguyên tố được gọi là gì?", "definition", "hợp số"),
    ("Hội nghị được tổ chức tại Hội trường Sở GDĐT, với sự tham dự của 200 đại biểu.",
     "Hội nghị được tổ chức ở đâu?", "place", "Hội trường Sở GDĐT"),
    ("Hội nghị được tổ chức tại Hội trường Sở GDĐT, với sự tham dự của 200 đại biểu.",
     "Địa điểm tổ chức hội nghị?", "place", "Hội trường Sở GDĐT"),
    ("Hội nghị được tổ chức tại Hội trường Sở GDĐT, với sự tham dự của 200 đại biểu.",
     "Hội nghị được tổ chức tại hội trường nào?", "place", "Hội trường Sở GDĐT"),
    ("Các chỉ tiêu chủ yếu gồm: tuyên truyền, kiểm tra, giám sát.",
     "Các chỉ tiêu chủ yếu gồm những gì?", "list", "tuyên truyền, kiểm tra, giám sát"),
    ("Hiệp ước được ký kết vào ngày 12 tháng 3 năm 2024 tại Hà Nội.",
     "Hiệp ước được ký kết khi nào?", "date", "12 tháng 3 năm 2024"),
    # An open answer does not cut a word in two ("trình của ông" of "công trình").
    ("Priestley được công nhận là người đầu tiên vì công trình của ông được xuất bản trước.",
     "Điều gì khiến Priestley được công nhận là người đầu tiên?", None, "công trình của ông được xuất bản trước"),
    ("Dự luật tư nhân thường liên quan đến các dự án phát triển có quy mô lớn.",
     "Dự luật tư nhân thường nói về cái gì?", None, "dự án phát triển có quy mô lớn"),
    # Time before now or before the era is a date too.
    ("Khi châu Âu bắt đầu ấm lên từ 22.000 năm trước đến nay, sông băng bắt đầu tan.",
     "Châu Âu bắt đầu ấm lên vào khi nào?", "date", "22.000 năm trước"),
    ("Sự ấm lên bắt đầu vào khoảng năm 13.000 BP.", "Sự ấm lên bắt đầu vào khi nào?", "date", "năm 13.000 BP"),
    # …but not a span of years ago, nor basis points: the year is the date.
    ("Năm 2020, số học sinh tăng gấp đôi so với 5 năm trước.", "Số học sinh tăng gấp đôi khi nào?", "date", "Năm 2020"),
    ("Lãi suất tăng 50 bp trong năm 2019.", "Lãi suất tăng khi nào?", "date", "năm 2019"),
    ("Băng tan vào khoảng 29,000–24,000 BP.", "Băng tan khi nào?", "date", "29,000–24,000 BP"),
    # A name does not run on into the word pyvi glued to it ("an_sinh").
    ("Ông Nguyễn Văn An sinh ra ở Huế.", "Ai sinh ra ở Huế?", "person", "Nguyễn Văn An"),
    # A day is asked for: the fronted full date, not the year nearer the verb.
    ("Sáng ngày 25/01/2021, Sở GDĐT tổ chức Hội nghị cán bộ, công chức năm 2021.",
     "Sở GDĐT tổ chức Hội nghị cán bộ, công chức vào ngày nào?", "date", "25/01/2021"),
    # The question word stands where the answer stands: the words around it anchor the span.
    ("Turabi đã xây dựng cơ sở kinh tế hùng mạnh bằng tiền từ các hệ thống ngân hàng Hồi giáo ở nước ngoài, "
     "đặc biệt là những hệ thống liên kết với Ả Rập Saudi.",
     "Turabi đã xây dựng cơ sở kinh tế vững mạnh bằng cách nào?", None,
     "tiền từ các hệ thống ngân hàng Hồi giáo ở nước ngoài"),
    ("Phân tích phân tử cho thấy sứa lược không phải là đơn ngành.",
     "Sứa lược không phải là loài gì?", None, "đơn ngành"),
    # Where the question word's place lands on a function word ("đã"), the name is read instead,
    # with the question's noun when the name opens with it.
    ("Người ta vẫn còn tranh luận về vị trí của Pháo đài Hồng Sơn nhưng pháo đài đã được xây dựng lại "
     "bên sông Lam vào năm 1964.", "Pháo đài nào được xây dựng lại vào năm 1964?", None, "Pháo đài Hồng Sơn"),
    # "X nào": the name after the question's noun, when the question word's place holds no name.
    ("Những cơn bão này gây thiệt hại lớn. Thiệt hại nặng nhất cho tỉnh là từ Cơn bão Damrey năm 2017, cơn bão "
     "mạnh nhất trong hai mươi năm.", "Cơn bão nào gây thiệt hại nặng nhất cho tỉnh?", None, "Cơn bão Damrey"),
    # Asked the name of what it describes, the subject of the sentence that describes it.
    ("Trường chuyên là trường trung học dành cho học sinh giỏi, được tuyển chọn qua kỳ thi riêng.",
     "Trường trung học dành cho học sinh giỏi được gọi là gì?", "definition", "Trường chuyên"),
    ("Trường chuyên là trường trung học dành cho học sinh giỏi.", "Trường chuyên là gì?", "definition",
     "trường trung học dành cho học sinh giỏi"),
    # "X là gì?" asks what X is, even where X is only the complement of another subject.
    ("Đối tượng chính là người lao động tham gia bảo hiểm xã hội bắt buộc theo hợp đồng.",
     "Bảo hiểm xã hội bắt buộc là gì?", "definition", "người lao động tham gia bảo hiểm xã hội bắt buộc theo hợp đồng"),
    ("Cầu Long Biên là cây cầu thép bắc qua sông Hồng nối hai bờ.", "Tên của cây cầu thép bắc qua sông Hồng là gì?",
     "definition", "Cầu Long Biên"),
    # Who attended: the list after "Dự … có" (a staff user had got "Sở Giáo dục và Đào tạo" as a guess).
    ("Dự Hội nghị có, Ban Giám đốc Sở GDĐT, lãnh đạo Công đoàn Ngành, Trưởng, Phó phòng thuộc Sở; cùng cán bộ, "
     "công chức, người lao động Sở GDĐT.", "Những ai dự Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021?", "person",
     "Ban Giám đốc Sở GDĐT, lãnh đạo Công đoàn Ngành, Trưởng, Phó phòng thuộc Sở; cùng cán bộ, công chức, người lao "
     "động Sở GDĐT"),
    ("Tới dự và chỉ đạo đại hội có đồng chí Nguyễn Đức Thắng, Phó bí thư Đảng ủy Khối.",
     "Hội nghị có những thành phần nào dự?", "list", "đồng chí Nguyễn Đức Thắng, Phó bí thư Đảng ủy Khối"),
    # "những … nào" inside a parenthesised enumeration: the enumeration whole.
    ("Đảng bộ lãnh đạo 2 cơ quan hành chính (Sở GDĐT, Công đoàn ngành Giáo dục) và 2 đơn vị sự nghiệp (Trường "
     "Phổ thông DTNT tỉnh, Trung tâm GDTX tỉnh Kon Tum).", "Đảng bộ Sở GDĐT Kon Tum phụ trách những đơn vị sự nghiệp nào?",
     "list", "Trường Phổ thông DTNT tỉnh, Trung tâm GDTX tỉnh Kon Tum"),
    # A range whole, both its bounds with the noun; working days are not days.
    ("2. Hoàn thành tốt nhiệm vụ: Đạt từ 70 điểm đến dưới 90 điểm.",
     "Viên chức đạt bao nhiêu điểm thì được xếp loại hoàn thành tốt nhiệm vụ?", "number", "từ 70 điểm đến dưới 90 điểm"),
    ("b) Thời gian nghỉ hè hằng năm của nhà giáo tối thiểu là 04 tuần, tối đa là 08 tuần, bao gồm cả nghỉ phép.",
     "Thời gian nghỉ hè của nhà giáo là bao lâu?", "number", "tối thiểu là 04 tuần, tối đa là 08 tuần"),
    ("d) Trong thời hạn 30 ngày làm việc tính từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền ra quyết định.",
     "Trong thời hạn bao lâu cơ quan có thẩm quyền phải ra quyết định?", "number", "30 ngày làm việc"),
    # "ai" after "giữa"/"với" asks the other party, whoever or whatever it is, not the speaker.
    ("Kết luận, đồng chí Bùi Thái Trọng đề nghị Đảng ủy cần quan tâm đến công tác phối hợp giữa cấp ủy với thủ "
     "trưởng cơ quan, xác định rõ nhiệm vụ của từng bộ phận.",
     "Bí thư Đảng ủy Khối lưu ý Đảng ủy cần làm tốt việc phối hợp giữa cấp ủy với ai?", "person", "thủ trưởng cơ quan"),
    # A sentence defining the asked term itself gives the whole definition, past its commas
    # and its "và"; a quoted term, a clause number, "được hiểu là ai" included.
    ("6. Xếp loại chất lượng viên chức là việc cấp có thẩm quyền quyết định mức độ hoàn thành nhiệm vụ hằng năm "
     "của viên chức trên cơ sở kết quả theo dõi, đánh giá hằng tháng hoặc hằng quý.",
     "Xếp loại chất lượng viên chức nghĩa là gì?", "definition",
     "việc cấp có thẩm quyền quyết định mức độ hoàn thành nhiệm vụ hằng năm của viên chức trên cơ sở kết quả "
     "theo dõi, đánh giá hằng tháng hoặc hằng quý"),
    ("3. Đơn vị trực tiếp sử dụng viên chức là đơn vị trực tiếp phân công, bố trí, theo dõi và đánh giá viên chức.",
     "Trong quy định này, “đơn vị trực tiếp sử dụng viên chức” được hiểu là gì?", "definition",
     "đơn vị trực tiếp phân công, bố trí, theo dõi và đánh giá viên chức"),
    ("11. Người livestream bán hàng là người trực tiếp xuất hiện trên nền tảng để thực hiện livestream bán hàng.",
     "Người livestream bán hàng được hiểu là ai?", "person",
     "người trực tiếp xuất hiện trên nền tảng để thực hiện livestream bán hàng"),
    # Among several counts, the one most of the question's words surround ("Đại hội Đảng bộ, diễn
    # ra …"), not the one beside a single shared word ("1 lần").
    ("Đại hội Đảng bộ, diễn ra sau mỗi 5 năm, và việc bầu chọn Ban Chấp hành tại các chi bộ phải được tổ chức "
     "theo quy định, mỗi đảng viên được bỏ phiếu 1 lần.", "Đại hội Đảng bộ diễn ra bao lâu một lần?", "number", "sau mỗi 5 năm"),
    ("Những cơn bão này gây thiệt hại lớn. Thiệt hại nặng nhất cho tỉnh là từ Cơn bão (Damrey) năm 2017, cơn bão "
     "mạnh nhất trong hai mươi năm.", "Cơn bão nào gây thiệt hại nặng nhất cho tỉnh?", None, "Damrey"),
    # A share is answered with what it is a share of, when nouns follow it.
    ("Học sinh trường dân tộc nội trú được hưởng học bổng bằng 80% mức lương cơ sở, cấp 12 tháng trong năm.",
     "Học sinh trường dân tộc nội trú được hưởng học bổng bao nhiêu?", "number", "80% mức lương cơ sở"),
    # Asked the year, the year of a full date; a span of years whole, but not a count after it.
    ("Trường thành lập năm 1998 và 2000 học sinh đã tốt nghiệp từ đó.", "Trường thành lập năm nào?", "date", "năm 1998"),
    ("Ngoài ra, năm 2011 và 2012, Hội đồng kêu gọi kiêng rượu.", "Hội đồng kêu gọi kiêng rượu khi nào?", "date",
     "2011 và 2012"),
    ("Ông qua đời vào ngày 7 tháng 1 năm 1943 tại New York.", "Ông mất năm nào?", "date", "năm 1943"),
    ("Dịch bệnh xuất hiện hầu như hàng năm trong khoảng từ 1500 đến 1850.", "Dịch bệnh xuất hiện vào những năm nào?",
     "date", "từ 1500 đến 1850"),
    # A noun after "năm bao nhiêu" makes it a count, not a year; the counted noun may come first.
    ("Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm 12 ngày làm việc.",
     "Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm bao nhiêu ngày?", "number", "12 ngày làm việc"),
    ("Người làm nghề nặng nhọc được nghỉ hằng năm 14 ngày làm việc.",
     "Người làm nghề nặng nhọc được nghỉ hằng năm mấy ngày?", "number", "14 ngày làm việc"),
    # A particle after it is no noun: "Năm mấy thì …" asks for a year.
    ("Trường được thành lập năm 1998 tại thị xã.", "Năm mấy thì trường được thành lập?", "date", "năm 1998"),
    ("Ngày 5 tháng 6 năm 1911, Bác Hồ ra đi tìm đường cứu nước.", "Năm mấy Bác Hồ ra đi tìm đường cứu nước?", "date",
     "năm 1911"),
    ("Anh là cầu thủ lớn tuổi nhất từng chơi trong trận chung kết, ở tuổi 39.",
     "Anh bao nhiêu tuổi khi chơi trận chung kết?", "number", "39"),
    # Asked "who", a country or an event's name is never the answer.
    ("Trong trận Super Bowl năm đó, người đoạt bóng nhiều nhất là Kurt Coleman.",
     "Cầu thủ nào có nhiều lần đoạt bóng nhất trong mùa giải?", "person", "Kurt Coleman"),
    # A fraction counting the asked noun is a count, not a date.
    ("Năm 2020, Đảng bộ đã hoàn thành 10/10 chỉ tiêu nghị quyết đề ra.",
     "Năm 2020 Đảng bộ hoàn thành mấy chỉ tiêu?", "number", "10/10 chỉ tiêu"),
    # "trong năm 2021" is a time, not a place.
    ("Hội nghị thông qua kế hoạch trong năm 2021 tại Hội trường Sở GDĐT.",
     "Hội nghị thông qua kế hoạch ở đâu?", "place", "Hội trường Sở GDĐT"),
    # Who, where the quote names a role and no person: the role before what the question says
    # after "ai", even repeating the question's words ("cấp tỉnh"), or after "do".
    ("3. Căn cứ kế hoạch năm học do Bộ Giáo dục và Đào tạo ban hành, Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định "
     "thời điểm nghỉ hè của nhà giáo.", "Ai quyết định thời điểm nghỉ hè của giáo viên trên địa bàn tỉnh?", "person",
     "Chủ tịch Ủy ban nhân dân cấp tỉnh"),
    ("Việc thành lập, tổ chức hoạt động của hội đồng tư vấn do hiệu trưởng quyết định.",
     "Ai quyết định việc thành lập hội đồng tư vấn?", "person", "hiệu trưởng"),
    ("3. Căn cứ điều kiện cụ thể, Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định mức miễn, giảm giá vé.",
     "Mức miễn, giảm giá vé cho học sinh do ai quyết định?", "person", "Chủ tịch Ủy ban nhân dân cấp tỉnh"),
    # "đến 1939" is a time too, and a place ends where a time begins.
    ("Gần đó, tại Vườn Saxon (Ogród Saski), Nhà hát Mùa hè đã hoạt động từ năm 1870 đến 1939.",
     "Nhà hát Mùa hè nằm ở đâu?", "place", "Vườn Saxon"),
    ("Nhà hát Mùa hè đã hoạt động tại Vườn Saxon từ năm 1870 đến 1939.",
     "Nhà hát Mùa hè nằm ở đâu?", "place", "Vườn Saxon"),
    # A name made of a date stays whole; an address is a place, not a year.
    ("Buổi lễ diễn ra tại Quảng trường 30 tháng 4 vào sáng nay.", "Buổi lễ diễn ra ở đâu?", "place",
     "Quảng trường 30 tháng 4"),
    ("Buổi lễ được tổ chức tại 12 Lê Lợi, TP Huế.", "Buổi lễ được tổ chức ở đâu?", "place", "12 Lê Lợi"),
    # "ba", "năm", "một" are numbers when what is counted follows them.
    ("Năm nay tỉnh có thêm ba trường đạt chuẩn quốc gia.",
     "Tỉnh có bao nhiêu trường đạt chuẩn quốc gia?", "number", "ba trường đạt"),
    # A family name that is also a thing ("hồ" is a lake) opens a person's name.
    ("Hiệu trưởng nhà trường là thầy Hồ Văn Minh.", "Hiệu trưởng nhà trường là ai?", "person", "Hồ Văn Minh"),
    # "lần thứ mấy" asks for an ordinal, not for a count of anything.
    ("Đảng viên và quần chúng thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, đến 100 % đảng viên.",
     "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ mấy được nhắc đến?", "number", "XVII"),
    # A share is asked for: the percentage, not the head count beside it.
    ("Năm 1901, thành phố có 711.988 người, trong đó 2,8% là người Tin lành.",
     "Bao nhiêu phần trăm dân số thành phố là người Tin lành năm 1901?", "number", "2,8%"),
    # A name ending in a post written with one capital ("Đoàn Chủ tịch") ends after "tịch".
    ("Thay mặt Đoàn Chủ tịch, Cô Nguyễn Thị Bạch Vân đã ghi nhận những nỗ lực của cán bộ.",
     "Cô Nguyễn Thị Bạch Vân phát biểu với tư cách đại diện cho ai?", "person", "Đoàn Chủ tịch"),
])
def test_short_answer_kinds_on_plain_sentences(sentence, question, kind, expected):
    from rag.answer.question import answer_kind

    from rag.text import segment

    assert answer_kind(question) == kind
    sa = find(question, kind, [(sentence, 100)], {100: set(segment(sentence))})  # the words stored at ingest
    assert sa is not None and sa.text == expected
    assert sentence[sa.start - 100 : sa.end - 100] == expected


@pytest.mark.parametrize("sentences, question, expected", [
    (["Chiều ngày 08/5/2023, Ban Thường vụ làm việc với Đảng ủy Sở."],
     "Đoàn làm việc vào buổi sáng hay buổi chiều?", "Chiều"),
    (["Hội nghị họp hai buổi.", "Buổi sáng bàn nhân sự, buổi chiều bàn kế hoạch."], "Hội nghị họp sáng hay chiều?", None),
    (["Đại hội được tổ chức tại Lạng Sơn."], "Đại hội diễn ra ở Lạng Sơn hay Cao Bằng?", "Lạng Sơn"),
])
def test_an_alternative_question_gets_the_option_the_quote_states(sentences, question, expected):
    """"A hay B?": the one option the quote says; none when it says both (or neither)."""
    from rag.answer.span.phrases import _choice

    found = _choice(question, [(text, 0) for text in sentences])
    assert (found.text if found else None) == expected


def test_a_day_named_in_the_question_says_which_event_not_which_sentence(assistant):
    # The opening sentence states "ngày 08 ngày 5 năm 2023"; what was asked is in the conclusion.
    answer = assistant.ask("Tại buổi làm việc ngày 8/5/2023, Bí thư Đảng ủy Khối đề nghị Đảng ủy Sở GDĐT Kon Tum "
                           "quan tâm điều gì?")
    assert "công tác phối hợp giữa cấp ủy với thủ trưởng cơ quan" in answer.citations[0].quote


def test_a_count_stated_later_is_quoted(assistant):
    answer = assistant.ask("Có bao nhiêu đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn?")
    assert "139 đảng viên" in answer.citations[0].quote


def test_an_open_question_quotes_the_sentence_beside_its_question_word(assistant):
    # The article's opening sentence names the same centre (where the congress was held) and
    # wins on meaning; the answer is the sentence with "… nêu vấn đề" right before "gì".
    answer = assistant.ask("Tại Đại hội Đảng bộ Sở GDĐT Lạng Sơn, chi bộ Trung tâm giáo dục thường xuyên nêu vấn đề gì?")
    assert "đa dạng hóa hoạt động giáo dục đào tạo" in answer.citations[0].quote
    assert "đa dạng hóa hoạt động giáo dục đào tạo" in answer.short_answer.text


@pytest.mark.parametrize("question, status, says", [
    ("Giám đốc Sở GDĐT Bình Định là ai?", "out_of_scope", "Bình Định"),
    ("Hội nghị cán bộ công chức Sở GDĐT Trà Vinh năm 2022 diễn ra ngày nào?", "out_of_scope", "2022"),
    # The article mentions 2022 only as the year a review runs to; the meeting was in 2023.
    ("Buổi làm việc giữa Ban Thường vụ Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum năm 2022 diễn ra bao giờ?",
     "out_of_scope", "2022"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2025-2030 diễn ra ngày nào?", "out_of_scope", "2025-2030"),
    ("Báo cáo chuyên đề lần 2/2020 của Đảng ủy Sở GDĐT Sóc Trăng có nội dung gì?", "out_of_scope", "lần 2/2020"),
    # A Vietnamese place name is there whole or not at all ("Cao" alone is in "nâng cao").
    ("Phòng GD&ĐT huyện Cao Lộc tổ chức tổng kết năm học 2019-2020 vào ngày nào?", "out_of_scope", "Cao Lộc"),
    # The article names the 2015-2020 term in passing; the sentence that answers is about 2020-2025.
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2015-2020 được tổ chức ở đâu?", "out_of_scope", "2015-2020"),
    ("Lương giáo viên mầm non hạng III hiện nay là bao nhiêu?", "not_found", "Không tìm thấy"),
    # A venue the article never gives is said not to be given (it had quoted the opening line,
    # and Kon Tum's "công tác xây dựng Đảng tại Đảng bộ Sở" had been read as the venue).
    ("Hội nghị cán bộ công chức Sở GDĐT Trà Vinh tổ chức ở đâu?", "not_found", "không nêu nơi tổ chức"),
    ("Buổi làm việc của Đảng ủy Khối với Sở GDĐT Kon Tum diễn ra ở đâu?", "not_found", "không nêu nơi tổ chức"),
    ("Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021 được tổ chức tại hội trường nào?", "not_found",
     "không nêu nơi tổ chức"),
    # A person no article near enough names: said so, not only "nothing relevant" (a staff user's pass).
    ("Ông Lê Văn Hùng là ai?", "out_of_scope", "không có thông tin về Lê Văn Hùng"),
    ("Bà Nguyễn Thị Hoa có phải là Giám đốc Sở GDĐT không?", "out_of_scope", "về Nguyễn Thị Hoa"),
    ("Xin chào", "chitchat", "Xin chào"),
    ("Cảm ơn bạn nhiều!", "chitchat", "Rất vui"),
    # The best article is the same event in another year; another article mentioning 2021 in
    # passing ("Kết luận … 18/5/2021", a 2021 staff conference) is not that event.
    ("Hội nghị tổng kết công tác xây dựng Đảng năm 2021 của Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh "
     "diễn ra ngày nào?", "out_of_scope", "2021"),
    # Counts with no number in the evidence at all.
    ("Quy chế chi tiêu nội bộ của Sở GDĐT Trà Vinh quy định mức phụ cấp bao nhiêu?", "not_found", "con số"),
    ("Đảng bộ Sở GD&ĐT kết nạp bao nhiêu đảng viên mới trong năm 2020?", "not_found", "con số"),
    # Sóc Trăng is covered, not on this: the reply must not say there is nothing about Sóc Trăng.
    ("Đại hội Đảng bộ Sở GDĐT Sóc Trăng nhiệm kỳ 2020-2025 diễn ra ngày nào?", "out_of_scope",
     "Các bài viết về Sóc Trăng không có thông tin này"),
    # A school year is named as one, not as a term of office.
    ("Mức học phí năm học 2020-2021 của trường THPT chuyên Chu Văn An là bao nhiêu?", "out_of_scope",
     "năm học 2020-2021"),
    ("Chào buổi sáng, bạn khỏe không?", "chitchat", "Tôi trả lời"),
    # A post no article names.
    ("Hiệu trưởng Trường Phổ thông DTNT tỉnh Kon Tum là ai?", "not_found", "hiệu trưởng"),
    # The quote names the deputy ("Phó Bí thư"), or the post of another body ("Đoàn Chủ tịch").
    # Read from the sentence naming the Department's own Bí thư (2015-2020), the term is said too.
    ("Ai được bầu làm Bí thư Đảng ủy Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?", "not_found",
     "không nêu ai là Bí thư nhiệm kỳ 2020-2025"),
    ("Ai là Chủ tịch Công đoàn ngành Giáo dục Trà Vinh?", "not_found", "chủ tịch"),
    # The quoted number counts something else ("2 cơ quan hành chính").
    ("Công đoàn ngành Giáo dục Kon Tum có bao nhiêu đoàn viên?", "not_found", "số đoàn viên"),
    ("Đảng bộ Sở GDĐT Lạng Sơn có bao nhiêu đảng viên nữ?", "not_found", "số đảng viên nữ"),
    ("Trong 09 đồng chí trúng cử Ban chấp hành Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025 có mấy người là nữ?",
     "not_found", "số người nữ"),
    # A sum of money answered by a number of months.
    ("Số tiền thu, chi tài chính đảng mà Đảng ủy Sở GDĐT Sóc Trăng công khai tại hội nghị tháng 7/2020 là bao nhiêu?",
     "not_found", "số tiền"),
    # "… tên là gì?" about a post: the quote names the post, nobody holding it.
    ("Chủ tịch Công đoàn cơ sở Sở GDĐT Trà Vinh tên là gì?", "not_found", "chủ tịch"),
    # Another department than the articles' Sở GDĐT, in the same province.
    ("Sở Y tế Trà Vinh tổ chức Hội nghị cán bộ, công chức năm 2021 vào ngày nào?", "out_of_scope", "Sở Y tế"),
    ("Ban Thường vụ Đảng ủy Khối làm việc với Đảng bộ Sở Lao động – Thương binh và Xã hội Kon Tum vào ngày nào?",
     "out_of_scope", "Sở Lao động"),
    # The day asked is in 2022; the only such meeting reported was in 2023.
    ("Năm 2022 Ban Thường vụ Đảng ủy Khối làm việc với Đảng bộ Sở GDĐT Kon Tum vào ngày nào?", "out_of_scope", "2022"),
    # The 2020-2025 congress's report names the outgoing 2015-2020 committee; it does not
    # report the 2015-2020 congress.
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2015-2020 chọn chủ đề gì?", "out_of_scope", "2015-2020"),
    # The quote says the fact is of another year ("trong năm 2020, … đã hoàn thành 10/10 chỉ tiêu").
    ("Năm 2021 Đảng bộ Sở GD&ĐT hoàn thành bao nhiêu chỉ tiêu nghị quyết?", "out_of_scope", "năm 2021"),
    # Part of a year no article reports on: a whole year's review does not answer for it.
    ("6 tháng đầu năm 2021 Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh đã làm được những gì?", "out_of_scope",
     "6 tháng đầu năm"),
    ("Học kì 2 năm học 2020-2021 Sở GDĐT Trà Vinh có bao nhiêu tập thể đạt Lao động xuất sắc?", "out_of_scope",
     "học kỳ II"),
    # The article plans the second half ("phương hướng, nhiệm vụ 6 tháng cuối năm"), it does not report on it.
    ("Đảng ủy Sở GDĐT Sóc Trăng đạt được kết quả gì trong 6 tháng cuối năm 2020?", "out_of_scope", "6 tháng cuối năm"),
    ("Hội nghị sơ kết công tác Đảng 6 tháng cuối năm 2020 của Sở GDĐT Sóc Trăng họp ngày nào?", "out_of_scope",
     "6 tháng cuối năm"),
    # A congress is no staff meeting: Trà Vinh's article reports a Hội nghị cán bộ, công chức.
    ("Đại hội Đảng bộ Sở GDĐT Trà Vinh diễn ra ngày nào?", "out_of_scope", "đại hội"),
    # A head count is no length of time ("Sơ kết công tác Đảng 6 tháng đầu năm") nor a year
    # ("Chương trình giáo dục phổ thông 2018"); "đồng chí" is no sum of money ("đồng").
    ("Sở GDĐT Sóc Trăng có bao nhiêu đảng viên?", "not_found", "số đảng viên"),
    ("Sở GDĐT Sóc Trăng có bao nhiêu chi bộ?", "not_found", "số chi bộ"),
    ("Có bao nhiêu chi bộ trình bày tham luận tại Đại hội Lạng Sơn?", "not_found", "số chi bộ"),
    ("BCH Đảng bộ Sở GDĐT Sóc Trăng có bao nhiêu đồng chí?", "not_found", "số đồng chí"),
    # The yearly staff meeting is one kind of gathering, a year's review another than a half-year's
    # (an API probe got the Lạng Sơn congress's date, and the Sóc Trăng half-year review's).
    ("Hội nghị cán bộ, công chức Sở GDĐT Lạng Sơn diễn ra ngày nào?", "out_of_scope", "Lạng Sơn"),
    ("Hội nghị tổng kết công tác Đảng năm 2020 của Sở GDĐT Sóc Trăng diễn ra ngày nào?", "out_of_scope",
     "Các bài viết tìm được không có thông tin về hội nghị tổng kết"),
    # A number naming something else ("Trung tâm giáo dục thường xuyên 1 tỉnh") is no length of time.
    ("Đại hội Lạng Sơn kéo dài mấy ngày?", "not_found", "không nêu con số này"),
    # The article names the chi bộ's Bí thư by post only; "Chương" of "Chương trình" is no name.
    ("Ai là Bí thư chi bộ GDTrH- QLCL?", "not_found", "không nêu ai là bí thư"),
])
def test_refuses_what_the_articles_do_not_answer(assistant, question, status, says):
    answer = assistant.ask(question)
    assert answer.abstained and answer.citations == [] and answer.short_answer is None
    assert answer.status == status and says in answer.text


@pytest.mark.parametrize("question, short", [
    ("Có bao nhiêu đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn năm 2020?", "139 đảng viên"),
    ("Giám đốc Sở GDĐT Kon Tum là ai?", "Phạm Thị Trung"),
    ("Hội nghị tổng kết công tác xây dựng Đảng năm 2020 của Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh "
     "được tổ chức vào ngày nào?", "14/01/2021"),
    # "công chức năm 2020" is in the article (the last conference it reviews); its title says 2021.
    ("Hội nghị cán bộ công chức Sở GDĐT Trà Vinh năm 2021 tổ chức ngày nào?", "25/01/2021"),
    # "ở" is in no sample article as a word of its own: unseen, it must not weigh as the rarest
    # name would and make the question look unanswerable. The page glues name and title
    # ("Bùi Thái Trọng-Tỉnh ủy viên"): the name alone is the answer.
    ("Bí thư Đảng ủy Khối ở Kon Tum là ai?", "Bùi Thái Trọng"),
    ("Ai được bầu giữ chức Phó Bí thư Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?", "Hà Thị Khánh Vân"),
    # The year says when the meeting was held, not which year's results.
    ("Tại hội nghị tổng kết tổ chức đầu năm 2021, Đảng bộ Sở GD&ĐT được ghi nhận hoàn thành bao nhiêu chỉ tiêu "
     "nghị quyết?", "10/10"),
    # Asked about the plan for the second half, not how it went: the meeting that planned it answers.
    ("Phương hướng nhiệm vụ 6 tháng cuối năm 2020 được Đảng ủy Sở GDĐT Sóc Trăng triển khai tại hội nghị nào?",
     "Sơ kết công tác Đảng 6 tháng đầu năm 2020"),
    # A 2023 meeting reviewing the years "đến hết năm 2022" answers for 2023.
    ("Trong buổi làm việc với Đảng ủy Khối năm 2023, ai thay mặt Đảng ủy Sở GDĐT Kon Tum báo cáo tóm tắt kết quả "
     "lãnh đạo, chỉ đạo?", "Nguyễn Trọng Thắng"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025 chọn chủ đề gì?", "Tiếp tục nâng cao năng lực lãnh đạo"),
    # "diễn ra" says nothing about where: unseen in the index, it must not weigh as a rare name.
    ("Hội nghị ngày 3/7/2020 của Đảng ủy Sở GDĐT Sóc Trăng diễn ra ở đâu?", "Hội trường Sở GDĐT"),
    ("Năm 2023 Ban Thường vụ Đảng ủy Khối làm việc với Đảng bộ Sở GDĐT Kon Tum vào ngày nào?", "2023"),
    # An ordinal question counts nothing: the count check stays out of it.
    ("Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ mấy được nhắc đến trong bài về Đại hội Đảng bộ Sở GDĐT?",
     "XVII"),
])
def test_the_same_checks_let_what_the_articles_say_through(assistant, question, short):
    answer = assistant.ask(question)
    assert answer.status == "answered" and short in answer.short_answer.text
    assert "-" not in answer.short_answer.text


@pytest.mark.parametrize("question, quote, refused", [
    ("Đảng bộ có bao nhiêu đảng viên?", "… thực hiện nhiệm vụ chính trị của 2 cơ quan hành chính.", True),
    # A synonym sharing a syllable, a typo, a measure: the number may well be the answer.
    ("Cơ quan Y tế đã khai quật bao nhiêu tử thi?", "Có 25 thi thể được khai quật.", False),
    ("Broncos ghi được bao nhiêu đểm trong ba phút cuối?", "Họ ghi 11 điểm trong ba phút cuối.", False),
    ("Lady Gaga đã giành được bao nhiêu giải thưởng Grammy?", "Cô đã giành giải Grammy sáu lần.", False),
    # A share, a year or a measure is a wrong short answer, not a count of something else
    # (these refused right quotes on XQuAD-vi's test part).
    ("Có bao nhiêu cặp vợ chồng?", "Khoảng 0,9% hộ gia đình là cặp đồng giới.", False),
    ("Có bao nhiêu cử tri?", "Năm 1978 hội đồng được bầu bởi 40.000 người.", False),
    ("Khu rừng rộng bao nhiêu khu vực?", "Khu rừng rộng 1.160.000 dặm vuông.", False),
    # Pupils and teachers are counted with a classifier ("em", "thầy cô"); a place after the
    # noun says whose, not which part.
    ("Trường có bao nhiêu học sinh đạt giải?", "Có 45 em đạt giải cấp tỉnh.", False),
    ("Trường có bao nhiêu giáo viên?", "Trường có 85 thầy cô giáo.", False),
    ("Có bao nhiêu học sinh tỉnh Kon Tum dự thi?", "Kon Tum có 5.000 học sinh dự thi.", False),
    # pyvi glues a verb into a noun ("đi_giải_cứu"): no part of the group is asked.
    ("Duquesne đã cử bao nhiêu nam giới đi giải cứu Saint-Pierre?", "Ông cử 500 nam giới tới Saint-Pierre.", False),
    # A part of the group ("đảng viên nữ") the quote never names; a verb after the noun is
    # what they did, which the quote may say otherwise.
    ("Đảng bộ có bao nhiêu đảng viên nữ?", "Dự đại hội có mặt 139 đảng viên.", True),
    ("Có bao nhiêu đảng viên dự đại hội?", "Đại hội có 139 đảng viên tham gia.", False),
    ("Có thể tìm thấy bao nhiêu loài cây trong rừng?", "Rừng có khoảng 16.000 loài cây.", False),
    # The asked noun later in the number's own clause is what the number counts too; in the
    # next clause it is not.
    ("Có bao nhiêu chiến sĩ thi đua cấp cơ sở?", "Trong đó 08 cá nhân đạt danh hiệu Chiến sĩ thi đua cấp cơ sở.", False),
    ("Có bao nhiêu chiến sĩ thi đua?", "Có 08 cá nhân được khen thưởng, trong đó có các chiến sĩ thi đua.", True),
    ("Có bao nhiêu xã đạt chuẩn nông thôn mới?", "Có 12 trường đóng góp cho xã hội hóa giáo dục.", True),
])
def test_a_count_of_something_else_is_no_answer(question, quote, refused):
    short = find(question, "number", [(quote, 0)])
    assert short is not None
    assert bool(support.unsupported(question, short, quote, 0)) is refused


@pytest.mark.parametrize("question, author, byline", [
    ("Ai thực hiện bài viết về Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021?", "Chí Quang",
     "Thực hiện: Chí Quang"),
    # An unlabelled by-line closing the article.
    ("Bài về Đảng bộ Sở GD&ĐT hoàn thành xuất sắc nhiệm vụ năm 2020 do ai viết?", "Phan Xuân Nghĩa",
     "Phan Xuân Nghĩa, Văn phòng Sở"),
    ("Bài tin Đảng bộ Sở Giáo dục và Đào tạo hoàn thành xuất sắc nhiệm vụ năm 2020 do ai chấp bút?",
     "Phan Xuân Nghĩa", "Phan Xuân Nghĩa, Văn phòng Sở"),
    ("Ai là người đưa tin về hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021?", "Chí Quang",
     "Thực hiện: Chí Quang"),
])
def test_who_wrote_an_article_is_answered_from_its_by_line(assistant, question, author, byline):
    answer = assistant.ask(question)
    cited = answer.citations[0]
    assert answer.status == "answered" and cited.quote == byline and answer.short_answer.text == author
    text = assistant.refresh().store.get_article(cited.article_id).text
    assert text[cited.start:cited.end] == byline
    assert text[answer.short_answer.start:answer.short_answer.end] == author


def test_who_wrote_it_is_only_asked_of_an_article():
    from rag.answer.about import asks_author

    assert asks_author("Bài này do ai viết?") and asks_author("Tác giả bài viết về hội nghị là ai?")
    # Not about the article: a project, a novel.
    assert not asks_author("Ai thực hiện dự án này?") and not asks_author("Ai viết Truyện Kiều?")
    # "Theo bài viết" frames a question about the event; "đưa tin cho …", "thông tin" are no news item.
    assert not asks_author("Theo bài viết, ai là người thực hiện báo cáo chính trị tại Đại hội?")
    assert not asks_author("Ai là người đưa tin cho Ban Chỉ đạo về vụ việc?")
    assert asks_author("Ai là người đưa tin về hội nghị cán bộ, công chức năm 2021?")


def test_a_by_line_is_read_from_by_lines_only():
    from rag.answer.about import byline

    text = "Trường THCS Lê Lợi đạt giải nhất.\nTin: TH"
    start, end, name_start, name_end = byline(text, "TH")
    assert text[start:end] == "Tin: TH" and text[name_start:name_end] == "TH"
    assert byline("Ông Nguyễn Văn An phát biểu.", "Nguyễn Văn An") is None  # prose, not a by-line


@pytest.mark.parametrize("question, says", [
    # The page's date ("Cập nhật lúc …" is page furniture, kept as the date, not as text).
    ("Tin về Hội nghị cán bộ, công chức Sở GD&ĐT Trà Vinh năm 2021 được đăng ngày nào?",
     "“Hội nghị cán bộ, công chức Sở Giáo dục và Đào tạo Trà Vinh năm 2021” được đăng ngày 27/01/2021."),
    # No date on the page: said so, with the event's date (pyvi glues "Lạng Sơn đăng" into one word).
    ("Bài viết về Đại hội Đảng bộ Sở GDĐT Lạng Sơn đăng ngày nào?",
     "Trang không ghi ngày đăng bài viết “SỞ GIÁO DỤC VÀ ĐÀO TẠO LẠNG SƠN TỔ CHỨC THÀNH CÔNG ĐẠI HỘI ĐẢNG BỘ "
     "NHIỆM KỲ 2020-2025”; sự kiện trong bài diễn ra ngày 21/05/2020."),
])
def test_when_an_article_was_published_is_its_page_date(assistant, question, says):
    answer = assistant.ask(question)
    assert answer.status == "answered" and says in answer.text and answer.short_answer is None
    c = answer.citations[0]
    assert c.title in says and c.quote and len(answer.citations) == 1  # cites the article by its opening


@pytest.mark.parametrize("text, reviewed", [
    ("Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2021: tốt", True),
    ("Đánh giá kết quả triển khai kế hoạch 6 tháng đầu năm", True),
    ("Hội nghị sơ kết công tác Đảng 6 tháng đầu năm 2020", True),
    ("Hội nghị sơ kết …, triển khai phương hướng, nhiệm vụ 6 tháng đầu năm 2020", False),
])
def test_a_part_of_a_year_reported_on_not_only_planned(text, reviewed):
    from rag.answer.scope import _reviewed

    assert _reviewed("6 tháng đầu năm", text) is reviewed


def test_what_the_article_says_was_announced_is_no_publication_question():
    from rag.answer import about

    assert about.asks_published("Tin về Hội nghị … được đăng ngày nào?")
    assert not about.asks_published("Theo bài viết, kết quả Đại hội được công bố ngày nào?")
    # An index from before dates had a kind: the page's date is its publication date.
    assert about.published("T", "2021-01-27", None) == "Bài viết “T” được đăng ngày 27/01/2021."


@pytest.mark.parametrize("question, words", [
    ("Nghị quyết lần thứ mấy được nhắc đến trong bài về Đại hội Đảng bộ Sở GDĐT?",
     {"được", "nhắc", "đến", "trong", "bài"}),
    ("Theo bài viết này, ai chủ trì?", {"theo", "bài", "viết", "này"}),
    # "bài" said again in the question is its own: kept.
    ("Theo bài viết này, ai trình bày bài phát biểu?", {"theo", "viết", "này"}),
    # Someone's writing, a poem: what the question is about, not the article.
    ("Tác giả nào đã dùng hình ảnh đó trong bài viết của mình?", set()),
    ("Câu nào được trích trong bài thơ?", set()),
])
def test_the_words_pointing_at_the_article_itself(question, words):
    from rag.answer import about

    assert about.pointing_words(question) == words


def test_a_question_pointing_at_the_article_is_answered_from_it(assistant):
    # "bài", "đến" of "… được nhắc đến trong bài về …" are in no sentence that answers; weighed,
    # they had kept the evidence below the relevance bar on one model build.
    answer = assistant.ask("Theo bài viết, Nghị quyết Đại hội Đảng bộ tỉnh Lạng Sơn lần thứ mấy được nhắc đến "
                           "trong bài về Đại hội Đảng bộ Sở GDĐT?")
    assert answer.status == "answered" and answer.short_answer.text == "XVII"


@pytest.mark.parametrize("quote, question, short, holder", [
    # The post written just before a name is that name's, not the apposition of the name before.
    ("Phó Giám đốc Sở Trần Văn Bình và Giám đốc Sở GDĐT Nguyễn Văn An dự họp.", "Ai là Giám đốc Sở GDĐT?",
     "Nguyễn Văn An", None),
    ("Ông Trần Văn Bình phát biểu. Chủ tịch Công đoàn Nguyễn Văn An đề nghị.", "Ai là Chủ tịch Công đoàn?",
     "Nguyễn Văn An", None),
    ("Thầy Trần Văn Bình, Phó Hiệu trưởng, thay mặt Hiệu trưởng Nguyễn Văn An phát biểu.", "Ai là Hiệu trưởng?",
     "Nguyễn Văn An", None),
    ("Đồng chí Trần Quốc Tuấn – Bí thư Đảng ủy Sở, báo cáo do đồng chí Hà Thị Khánh Vân, Phó Bí thư Đảng ủy Sở "
     "trình bày.", "Bí thư Đảng ủy Sở là ai?", "Hà Thị Khánh Vân", "Trần Quốc Tuấn"),
])
def test_the_name_holding_the_asked_post_is_the_answer(quote, question, short, holder):
    at = quote.index(short)
    found = support.holder(question, ShortAnswer(short, 100 + at, 100 + at + len(short), "person"), quote, 100)
    assert (found.text if found else None) == holder
    if found:
        assert quote[found.start - 100 : found.end - 100] == holder


def test_when_an_uncovered_article_was_published_is_not_answered(assistant):
    answer = assistant.ask("Tin về Đại hội Đảng bộ Sở GDĐT Bình Định được đăng ngày nào?")
    assert answer.status == "out_of_scope" and "Bình Định" in answer.text
    assert assistant.ask("Tin về học phí năm 2021 đăng ngày nào?").abstained


def test_an_author_known_only_from_metadata_is_not_invented(settings, embedder, tmp_path):
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    folder = tmp_path / "jsonl"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        '{"title": "Hội thảo chuyển đổi số", "author": "Nguyễn Văn An", "date": "2024-03-12", "text": '
        '"Ngày 12/3/2024, Sở Giáo dục và Đào tạo Hà Giang tổ chức hội thảo về chuyển đổi số trong trường học. '
        'Hội thảo có 120 đại biểu là cán bộ quản lý và giáo viên tham dự."}\n', encoding="utf-8")
    ingest_folder(folder, settings, embedder)
    answer = Assistant(settings, embedder).ask("Ai viết bài về hội thảo chuyển đổi số ở Hà Giang?")
    # No by-line in the text to quote: no made-up "Tác giả: …" line, and no speaker either.
    assert answer.status == "not_found" and answer.citations == [] and "không ghi tên tác giả" in answer.text


def test_a_greeting_before_a_question_is_answered():
    from rag.answer import chitchat

    assert chitchat.reply("Chào bạn, Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?") is None
    assert chitchat.reply("Bạn là ai?") and chitchat.reply("Tạm biệt nhé")


@pytest.mark.parametrize("question", ["Bạn là ai, bạn giúp được gì cho tôi?", "bạn là ai, giúp được gì cho tôi?"])
def test_asking_what_the_assistant_is_in_two_parts_is_small_talk(assistant, question):
    """A staff user's "Bạn là ai, bạn giúp được gì cho tôi?" had been searched: "not found"."""
    answer = assistant.ask(question)
    assert answer.status == "chitchat" and "trả lời câu hỏi về các bài viết" in answer.text


@pytest.mark.parametrize("turn", ["ok 👍", "Ok", "Vâng, tôi hiểu rồi.", "dạ", "Ok, tôi hiểu rồi, cảm ơn."])
def test_an_acknowledgement_gets_a_short_reply_not_a_refusal(assistant, turn):
    answer = assistant.ask(turn)
    assert answer.status == "chitchat" and "hỏi tiếp" in answer.text


def test_an_english_question_is_refused_with_why(assistant):
    """A staff user's English question got the bare "not found"; unmarked Vietnamese is read."""
    answer = assistant.ask("Who chaired the Soc Trang party meeting in July 2020?")
    assert answer.abstained and "hỏi lại bằng tiếng Việt" in answer.text
    assert assistant.ask("Dai hoi Dang bo So GDDT Lang Son dien ra ngay nao?").short_answer.text == "21/5/2020"
    from rag.answer.chitchat import english

    assert english("How many weeks summer holiday for giáo viên mầm non?")  # mixed, an API probe
    assert not english("Dai hoi do ai chu tri?") and not english("Shop online có phải đăng ký không?")
    assert not english("can bo do ai quan ly?")  # "can", "do" are Vietnamese without marks too


@pytest.mark.parametrize("question, searched", [
    ("Cho tôi biết Giám đốc Sở GDĐT Trà Vinh là ai?", "Giám đốc Sở GDĐT Trà Vinh là ai?"),
    ("Chào bạn, cho mình hỏi Đại hội diễn ra ngày nào?", "Đại hội diễn ra ngày nào?"),
    ("Bạn có biết Giám đốc Sở là ai không?", "Giám đốc Sở là ai không?"),
    ("Tôi muốn hỏi về học phí năm nay", "học phí năm nay"),
    ("Xin cho biết số đảng viên?", "số đảng viên?"),
    ("Em có biết không?", "Em có biết không?"),  # nothing else is asked
    ("Bạn ơi cho mình hỏi chút, Đại hội diễn ra ngày nào?", "Đại hội diễn ra ngày nào?"),
    ("Xin hỏi Đại hội diễn ra ngày nào?", "Đại hội diễn ra ngày nào?"),
    ("Hãy cho tôi biết số đảng viên dự Đại hội", "số đảng viên dự Đại hội"),
    ("Hỏi đáp về tuyển sinh lớp 10", "Hỏi đáp về tuyển sinh lớp 10"),
    ("Xin chào", "Xin chào"),
    ("Cho tôi xem bài viết về Đại hội", "Cho tôi xem bài viết về Đại hội"),
    # Moving back to a topic, and an acknowledgement before the question (a staff user's pass).
    ("quay lại Lạng Sơn, chủ đề đại hội là gì?", "Lạng Sơn, chủ đề đại hội là gì?"),
    ("Quay lại trường học có cần giấy tờ gì?", "Quay lại trường học có cần giấy tờ gì?"),  # the verb itself
    ("ok, còn Trà Vinh thì sao?", "còn Trà Vinh thì sao?"),
    ("Trở lại làm việc sau nghỉ thai sản, giáo viên được gì?", "Trở lại làm việc sau nghỉ thai sản, giáo viên được gì?"),
    ("Dạ, cho em hỏi ai là giám đốc sở Kon Tum?", "ai là giám đốc sở Kon Tum?"),
    # A long preface ending in a request with a colon (an API probe's found nothing).
    ("Trong bối cảnh chúng tôi đang tổng hợp tư liệu phục vụ báo cáo cuối năm, xin cho biết: Đại hội "
     "Lạng Sơn diễn ra ngày nào?", "Đại hội Lạng Sơn diễn ra ngày nào?"),
    ("Hội nghị cho biết: kết quả tốt", "Hội nghị cho biết: kết quả tốt"),  # too little after it to be a question
])
def test_a_polite_request_before_a_question_is_not_searched(question, searched):
    from rag.answer.chitchat import strip_preamble

    assert strip_preamble(question) == searched


@pytest.mark.parametrize("text, found", [
    ("Sáu tháng đầu năm 2020", ["6 tháng đầu năm"]), ("6 tháng cuối năm", ["6 tháng cuối năm"]),
    ("06 tháng đầu năm", ["6 tháng đầu năm"]), ("HK II", ["học kỳ II"]), ("quí III", ["quý III"]),
    ("học kỳ một", ["học kỳ I"]), ("học kỳ I và II", ["học kỳ I", "học kỳ II"]), ("quý 3 và quý IV", ["quý III", "quý IV"]),
    ("học kì 2 năm học 2020-2021", ["học kỳ II"]), ("Học kỳ I", ["học kỳ I"]), ("quý 3 và quý IV", ["quý III", "quý IV"]),
    ("kính gửi quý thầy cô", []), ("cuối năm học", []),
])
def test_parts_of_a_year_are_read_in_one_spelling(text, found):
    from rag.answer.question import periods

    assert periods(text) == found


@pytest.mark.parametrize("text, name", [
    ("Nguyễn Thị Bạch Vân", True), ("đồng chí Trần Quốc Tuấn", True), ("Jean-Paul Sartre", True),
    ("TTr-KHTC", False), ("05-CT/TW", False), ("thư ký", False), ("BCH Đảng", False), ("UBND", False),
    ("Louis XIV", True),
])
def test_a_document_code_is_no_name(text, name):
    assert support.is_name(text) is name


def test_a_person_only_one_new_article_names_is_found(base_settings, embedder, tmp_path):
    """A staff user uploaded an article naming "đồng chí Lê Văn Khoa, Phó Giám đốc Sở GDĐT Hà
    Giang": asked his post, the reply was that no article names him. The model reads a name as
    any other words; the passage naming him is kept among the evidence."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", folder)
    (folder / "hoi-thi.txt").write_text(
        "Sở GDĐT Hà Giang tổ chức Hội thi giáo viên dạy giỏi cấp tỉnh năm 2024\n15/03/2024\n\n"
        "Ngày 12/03/2024, tại Trường THPT chuyên Hà Giang, Sở Giáo dục và Đào tạo Hà Giang tổ chức Hội thi giáo "
        "viên dạy giỏi cấp tỉnh năm học 2023-2024. Hội thi có 86 giáo viên tham gia đến từ 11 huyện, thành phố.\n\n"
        "Phát biểu khai mạc, đồng chí Lê Văn Khoa, Phó Giám đốc Sở GDĐT Hà Giang, đề nghị các giáo viên phát huy "
        "tinh thần sáng tạo, đổi mới phương pháp dạy học.\n", encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": tmp_path / "index"})
    ingest_folder(folder, s, embedder)
    assistant = Assistant(s, embedder)
    answer = assistant.ask("Lê Văn Khoa giữ chức vụ gì?")
    assert answer.status == "answered" and answer.short_answer.text == "Phó Giám đốc Sở GDĐT Hà Giang"
    # Kept among the evidence, last, with a reserve asked for too: the chunk it displaced leads
    # the reserve (it had been put last of the ten, out of the answer step's five).
    from rag.retrieve import Retriever

    retriever = Retriever(assistant.refresh(), embedder)
    plain = retriever.search("Lê Văn Khoa giữ chức vụ gì?", 5)
    wider = retriever.search("Lê Văn Khoa giữ chức vụ gì?", 5, reserve=5)
    ranked = retriever.search("Lê Văn Khoa giữ chức vụ gì?", 10).hits
    naming = next(h.chunk for h in plain.hits if "Lê Văn Khoa" in h.chunk.text)
    assert [h.chunk.id for h in wider.hits] == [h.chunk.id for h in plain.hits]
    assert [h.chunk.id for h in wider.reserve] == [h.chunk.id for h in ranked if h.chunk.id != naming.id][4:9]
    # Asking for more evidence changes no answer: the naming passage stays among the five the
    # answer step reads (evaluation asked for 30 and had put it thirtieth).
    assert [h.chunk.id for h in retriever.search("Lê Văn Khoa giữ chức vụ gì?", 30, named_at=5).hits[:5]] \
        == [h.chunk.id for h in plain.hits]
    wide = assistant.ask("Lê Văn Khoa giữ chức vụ gì?", top_k=30)
    assert wide.short_answer.text == answer.short_answer.text and len(wide.citations) == len(answer.citations)


@pytest.mark.parametrize("question, short, verdict", [
    # The year claimed is the claim, not a scope to refuse on (a staff user's pass got "Các bài
    # viết … không có thông tin về năm 2021").
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra năm 2021 phải không?", "21/5/2020", "không"),
    # An API probe got a clause that read as a yes.
    ("Đại hội Lạng Sơn có phải được tổ chức vào tháng 6 năm 2020 không?", "21/5/2020", "không"),
    ("Hội nghị cán bộ công chức Sở GDĐT Trà Vinh được tổ chức ngày 25/01/2021 đúng không?", "25/01/2021", "có"),
    ("Có phải Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày 21 tháng 5 năm 2020 không ạ?", "21/5/2020", "có"),
    # The meeting of January 2021, not the "năm 2020" of the reports it heard (a second API probe
    # got "có").
    ("Hội nghị cán bộ công chức Sở GDĐT Trà Vinh diễn ra năm 2020 phải không?", "25/01/2021", "không"),
    ("Buổi làm việc giữa Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum diễn ra năm 2022 phải không?", "08 ngày 5 năm 2023",
     "không"),
])
def test_a_claimed_date_is_settled_by_the_date_the_article_gives(assistant, question, short, verdict):
    _assert_settled(assistant.ask(question), short, verdict, "date")


def _assert_settled(answer, short: str, verdict: str, kind: str) -> None:
    """A yes/no claim answered with the span the article gives, of ``kind``, and its verdict."""
    assert answer.status == "answered" and answer.short_answer.text == short
    assert answer.short_answer.verdict == verdict and answer.short_answer.kind == kind


@pytest.mark.parametrize("question, claimed, date, verdict", [
    ("Hội nghị diễn ra năm 2021 phải không?", (None, None, 2021), "21/5/2020", "không"),
    ("Hội nghị diễn ra vào tháng 5 năm 2020 phải không?", (None, 5, 2020), "ngày 21 tháng 5 năm 2020", "có"),
    # A year alone settles nothing: it may be another thing's ("… kết quả năm 2020").
    ("Hội nghị diễn ra ngày 21/5/2020 phải không?", (21, 5, 2020), "năm 2020", None),
    ("Hội nghị diễn ra năm 2020 phải không?", (None, None, 2020), "năm 2020", None),
    ("Hội nghị diễn ra ngày 21/5/2020 phải không?", (21, 5, 2020), "03-7-2020", "không"),
])
def test_a_claimed_date_is_read_in_its_parts(question, claimed, date, verdict):
    from rag.answer import when

    claim = when.claimed(question)
    assert claim.asked == "Hội nghị diễn ra vào ngày nào?" and (claim.day, claim.month, claim.year) == claimed
    assert when.verdict(claim, date) == verdict


@pytest.mark.parametrize("question, short, verdict", [
    # A count claimed is asked as "bao nhiêu" and settled by the count found (a staff user had
    # got the quote alone, with no yes or no).
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn có 150 đảng viên dự phải không?", "139 đảng viên", "không"),
    # The year after the counted noun says which (a second staff user had got no verdict).
    ("Đảng bộ Sở GD&ĐT hoàn thành 9/10 chỉ tiêu năm 2020 đúng không?", "10/10 chỉ tiêu", "không"),
    ("Đảng bộ Sở GDĐT Lạng Sơn có 7 chi bộ trực thuộc đúng không?", "7 chi bộ", "có"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn bầu 09 đồng chí vào Ban chấp hành phải không?", "09 đồng chí", "có"),
    # A longer counted phrase, and a share of a whole as written (a second staff user's pass).
    ("Sở GDĐT Trà Vinh có 10 cá nhân đạt Chiến sĩ thi đua cấp cơ sở phải không?", "08 cá nhân", "không"),
    ("Đảng bộ Sở GD&ĐT hoàn thành 9/10 chỉ tiêu nghị quyết phải không?", "10/10 chỉ tiêu", "không"),
])
def test_a_claimed_count_is_settled_by_the_count_the_article_gives(assistant, question, short, verdict):
    _assert_settled(assistant.ask(question), short, verdict, "number")


@pytest.mark.parametrize("question, asked, number", [
    ("Dự đại hội có 150 đảng viên phải không?", "Dự đại hội có bao nhiêu đảng viên?", 150),
    ("Có phải trường có 1.200 học sinh không?", "Trường có bao nhiêu học sinh?", 1200),
    ("Tỉnh có 2000 giáo viên phải không?", "Tỉnh có bao nhiêu giáo viên?", 2000),  # no year: a count
    ("Đại hội lần tới có 150 đại biểu phải không?", "Đại hội lần tới có bao nhiêu đại biểu?", 150),
    # No claimed count: a year, an ordinal, a clause, a bound, a share, a condition.
    ("Đại hội diễn ra năm 2021 phải không?", None, None),
    ("Đây là Đại hội lần thứ 7 phải không?", None, None),
    ("Điều 5 quy định việc này phải không?", None, None),
    ("Có trên 95% quần chúng tham gia phải không?", None, None),
    ("Có 100% đảng viên nhất trí phải không?", None, None),
    ("Cô giáo làm việc được 5 tháng thì có được xếp loại không?", None, None),
    # A document's number, and months that set the case of what is asked (an API probe: "Nghị
    # định bao nhiêu …?" was refused; "chưa đủ 6 tháng" got "có", the clause saying "không xếp loại").
    ("Nghị định 233 có áp dụng cho trường học thuộc Bộ Công an không?", None, None),
    ("Viên chức làm việc chưa đủ 6 tháng có được xếp loại chất lượng không?", None, None),
    ("Viên chức làm việc 5 tháng có được xếp loại chất lượng không?", None, None),
    ("Có 9 đồng chí được bầu vào Ban chấp hành phải không?", "Có bao nhiêu đồng chí được bầu vào Ban chấp hành?", 9),
])
def test_a_count_claim_is_asked_as_how_many(question, asked, number):
    from rag.answer import tally

    claim = tally.claimed(question)
    assert (claim.asked, claim.number) == (asked, number) if asked else claim is None


def test_a_count_claim_is_settled_only_by_one_exact_count():
    from rag.answer import tally

    assert tally.verdict(tally.Claim("", 9), "09 đồng chí") == "có"
    assert tally.verdict(tally.Claim("", 150), "139 đảng viên") == "không"
    assert tally.verdict(tally.Claim("", "6/6"), "6/6 phòng chuyên môn") == "có"
    assert tally.verdict(tally.Claim("", 6), "6/6 phòng chuyên môn") is None  # a share is no head count
    # A range, a bound or a share settles no head count.
    for count in ("từ 2 đến 4 đồng chí", "50 đảng viên trở lên", "trên 95% quần chúng", "95% đảng viên"):
        assert tally.verdict(tally.Claim("", 95), count) is None, count


@pytest.mark.parametrize("question, asked", [
    ("Đại hội Lạng Sơn có phải được tổ chức vào tháng 6 năm 2020 không?", "Đại hội Lạng Sơn được tổ chức vào ngày nào?"),
    # "từ" says which of a statute's dates is asked (the effect date, not a transition's end).
    ("Nghị định 93 có hiệu lực từ tháng 6 năm 2026 phải không?", "Nghị định 93 có hiệu lực từ ngày nào?"),
])
def test_a_date_claim_is_asked_as_when(question, asked):
    from rag.answer import when

    assert when.claimed(question).asked == asked
    assert when.parts("01 tháng 7 năm 2026") == (1, 7, 2026)  # a statute's date has no "ngày"


@pytest.mark.parametrize("question", [
    "Đảng bộ có hoàn thành 10/10 chỉ tiêu năm 2020 không?",  # no event dated: asked as before
    "Đại hội diễn ra năm 2020 ở đâu?",  # no yes/no
    # The date sets the scene; the question asks whom it applies to (a cold read).
    "Nghị định 233 ban hành năm 2026 có áp dụng đối với viên chức không?",
])
def test_no_date_claim_without_an_event_dated_in_a_yes_no_question(question):
    from rag.answer import when

    assert when.claimed(question) is None


@pytest.mark.parametrize("question", ["<script>alert(1)</script> Ai là Giám đốc Sở GDĐT Sóc Trăng?",
                                      "Ａｉ là Giám đốc Sở GDĐT Sóc Trăng？"])
def test_markup_and_full_width_letters_do_not_sink_a_question(assistant, question):
    """Pasted markup and a phone's full-width letters (an API probe: both were "not found")."""
    answer = assistant.ask(question)
    assert answer.status == "answered" and answer.short_answer.text == "Nguyễn Thị Tuyết Hà"


def test_a_statute_number_alone_needs_its_type_before_it():
    """"Nghị định 93" as staff say it; "quyết định 2 học kỳ" is a verb, and "Kế hoạch số 05/KH"
    is no "Chỉ thị 05" (a cold read)."""
    from rag.answer.question import read
    from rag.answer.scope import _statute_in

    assert read("Nghị định 93 có hiệu lực khi nào?").statutes == ["Nghị định 93"]
    assert read("Hiệu trưởng quyết định 2 học kỳ như thế nào?").statutes == []
    assert _statute_in("Chỉ thị 05", "Tin", "thực hiện chỉ thị số 05-ct/tw của bộ chính trị")
    assert _statute_in("Chỉ thị 05", "Tin", "thực hiện chỉ thị 05 của bộ chính trị")
    assert not _statute_in("Chỉ thị 05", "Tin", "theo kế hoạch số 05/kh-sgdđt")


def test_a_board_is_not_the_post_it_is_named_after(assistant):
    """Under the Trà Vinh filter, "Ai là Giám đốc Sở GDĐT?" had quoted "Dự Hội nghị có, Ban
    Giám đốc Sở GDĐT, …", which names no one, and said nothing inside the filter answered."""
    answer = assistant.ask("Ai là Giám đốc Sở GDĐT?", filters=Filters(source="Sở Giáo dục và Đào tạo Trà Vinh"))
    assert answer.status == "answered" and answer.short_answer.text == "Nguyễn Thị Bạch Vân"


def test_the_leader_of_a_delegation_sent_by_a_body_is_who_leads_it(assistant):
    """"trưởng đoàn Đảng ủy Khối": the body sent the delegation ("Ban Thường vụ Đảng ủy Khối do
    đồng chí Bùi Thái Trọng … làm trưởng đoàn"); a staff user had been told no article says."""
    answer = assistant.ask("Ai là trưởng đoàn Đảng ủy Khối làm việc với Đảng bộ Sở GDĐT Kon Tum?")
    assert answer.status == "answered" and answer.short_answer.text == "Bùi Thái Trọng"


def test_organisation_filter_never_answers_about_another_province(assistant):
    answer = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?", filters=Filters(source="Trà Vinh"))
    assert answer.abstained and answer.status == "filtered" and answer.citations == []
    assert "Trà Vinh" in answer.text and "LẠNG SƠN" in answer.text  # names the filter and where the answer is


def test_a_refusal_lists_the_organisations_as_staff_read_them(assistant):
    answer = assistant.ask("Giám đốc Sở GDĐT Bình Định là ai?")
    assert answer.status == "out_of_scope" and "Sở Giáo dục và Đào tạo (không ghi tỉnh)" in answer.text
    assert "Sở Giáo dục và Đào tạo Trà Vinh" in answer.text


def test_what_no_article_covers_is_said_before_any_filter(assistant):
    """Bình Định is in no article: the filter is not why (a staff user's pass: the date filter was blamed first)."""
    answer = assistant.ask("Giám đốc Sở GDĐT Bình Định là ai?", filters=Filters(date_from="2021-01-01"))
    assert answer.status == "out_of_scope" and "Bình Định" in answer.note and "bộ lọc" not in answer.note


def test_the_nearest_article_named_under_a_filter_is_said_to_be_outside_it(assistant):
    """Under the Trà Vinh filter the refusal named Lạng Sơn's article as the nearest, which a staff
    user read as one inside the filter."""
    answer = assistant.ask("Giám đốc Sở GDĐT Lạng Sơn là ai?", filters=Filters(source="Sở Giáo dục và Đào tạo Trà Vinh"))
    assert answer.status == "filtered" and "Ngoài bộ lọc, bài viết gần nhất: “SỞ GIÁO DỤC VÀ ĐÀO TẠO LẠNG SƠN" in answer.text


def test_the_bare_department_filter_selects_only_the_article_naming_no_province(assistant):
    """"Sở Giáo dục và Đào tạo" is the whole name of the article naming no province, and a part
    of every province's: the filter selects that article, not all of them."""
    bare = Filters(source="Sở Giáo dục và Đào tạo")
    answer = assistant.ask("Ai là Giám đốc Sở Giáo dục và Đào tạo Trà Vinh?", filters=bare)
    assert answer.status == "filtered" and answer.citations == []
    assert "đơn vị “Sở Giáo dục và Đào tạo (không ghi tỉnh)”" in answer.text
    answer = assistant.ask("Năm 2020 Đảng bộ Sở GD&ĐT hoàn thành bao nhiêu chỉ tiêu nghị quyết?", filters=bare)
    assert answer.status == "answered" and {c.source for c in answer.citations} == {"Sở Giáo dục và Đào tạo"}
    # A part of a name still finds the organisations holding it.
    answer = assistant.ask("Ai là Giám đốc Sở Giáo dục và Đào tạo Trà Vinh?", filters=Filters(source="trà vinh"))
    assert answer.short_answer.text == "Nguyễn Thị Bạch Vân"


def test_replies_write_dates_as_readers_do(assistant):
    """"21/05/2020", never "2020-05-21"; an open-ended filter says "từ …" alone."""
    answer = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2025-2030 diễn ra ngày nào?")
    assert answer.abstained and "(21/05/2020)" in answer.text and "2020-05-21" not in answer.text
    answer = assistant.ask("Giám đốc Sở GDĐT Kon Tum là ai?", filters=Filters(date_from="2030-01-01"))
    assert answer.status == "filtered" and "thời gian từ 01/01/2030." in answer.text and "…" not in answer.text


def test_date_filter_says_undated_articles_were_left_out(assistant):
    undated = Index.open(assistant.settings.index_dir).store.undated_articles()
    answer = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?",
                           filters=Filters(date_from="2021-01-01", date_to="2021-12-31"))
    assert answer.status == "filtered" and "thời gian từ 01/01/2021 đến 31/12/2021" in answer.text  # the congress was in 2020 (event date)
    if undated:
        assert f"{undated} bài viết không có ngày" in answer.text


def test_several_articles_that_support_the_answer_are_all_cited(base_settings, embedder, tmp_path, articles_dir):
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    (articles_dir / "brief.txt").write_text(
        "Tin ngắn: Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh\n\n"
        "Hội nghị cán bộ, công chức và người lao động Sở Giáo dục và Đào tạo Trà Vinh năm 2021 đã diễn ra "
        "vào ngày 25/01/2021 tại hội trường Sở, với sự tham dự của toàn thể cán bộ, công chức.\n", encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": tmp_path / "index", "cache_dir": tmp_path / "cache"})
    ingest_folder(articles_dir, s, embedder)
    answer = Assistant(s, embedder).ask("Hội nghị cán bộ công chức Sở GDĐT Trà Vinh năm 2021 diễn ra ngày nào?")
    ids = [c.article_id for c in answer.citations]
    assert len(ids) >= 2 and len(set(ids)) == len(ids) <= 3
    assert all("25/01/2021" in c.quote for c in answer.citations[:2])
    # Each source's quote a paragraph of its own (run together, two meetings read as one text).
    assert f"[1]\n\n{answer.citations[1].quote} [2]" in answer.text


@pytest.mark.parametrize("question", [
    # A guessed "Bí thư" is written in every article; "VII" is inside another's "XVII": neither
    # makes another province's article a source (a staff user saw unrelated [2] and [3]).
    "Ngoài tập thể Đảng bộ và Đảng ủy Sở GD&ĐT, những ai còn được Đảng ủy Khối công nhận hoàn thành xuất sắc "
    "nhiệm vụ năm 2020?",
    "Kỳ đại hội đại biểu Đảng bộ Khối mà Đảng ủy Khối chỉ đạo tổ chức thành công trong năm 2020 là kỳ thứ mấy?",
])
def test_no_other_article_is_cited_for_a_guess_or_part_of_a_word(assistant, question):
    answer = assistant.ask(question)
    assert answer.status == "answered" and len(answer.citations) == 1


def test_a_sentence_ending_in_a_colon_is_quoted_with_its_list(assistant):
    """The list runs on into the next chunk; the quote follows it there, verbatim."""
    answer = assistant.ask("Đồng chí Nguyễn Thị Tuyết Hà yêu cầu các chi bộ tập trung thực hiện tốt những yêu cầu nào?")
    c, sa = answer.citations[0], answer.short_answer
    assert c.quote.count("\n- ") == 3 and "Hướng dẫn số 08-HD/BTCTU" in c.quote
    assert sa.kind == "list" and sa.text.startswith("- Tiếp tục theo dõi")
    article = Index.open(assistant.settings.index_dir).store.get_article(c.article_id)
    assert article.text[c.start : c.end] == c.quote and article.text[sa.start : sa.end] == sa.text
    assert article.text[c.passage_start : c.passage_start + len(c.passage)] == c.passage


def test_source_filter_accepts_either_tone_placement(tmp_path):
    """Stored organisations use one tone placement ("Hòa Bình"); a filter typed "Hoà Bình" still matches."""
    from rag.documents import Article, Chunk
    from rag.index.store import Store

    store = Store(tmp_path / "store.sqlite")
    store.upsert_article(Article(id="a", path="a.txt", text="Nội dung.", title="Tin", source="Sở GDĐT Hòa Bình"))
    store.add_chunks([(1, Chunk("a", 0, 0, 9, "Nội dung."), "tin\nnội_dung", None)])
    assert store.chunk_ids_where("Sở GDĐT Hoà Bình", None, None) == [1]
    assert store.chunk_ids_where("hòa bình", None, None) == [1]
    assert store.chunk_ids_where("Thanh Hóa", None, None) == []


FIRST = "Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?"


@pytest.mark.parametrize("question, history, status, short", [
    ("Bao nhiêu đảng viên?", [FIRST], "answered", "139 đảng viên"),  # the user's own words set the kind
    ("Xin chào, " + FIRST, [], "answered", "21/5/2020"),  # a greeting before a question is dropped
    ("Dự đại hội Lạng Sơn có bao nhiêu chi bộ?", [], "answered", "7 chi bộ"),  # "?" glued to the noun
    ("ngày nào?", [], "not_found", None),  # nothing says what is asked about
    ("Năm 2020?", [], "not_found", None),
    # "Thế năm 2021?" asks the previous question of 2021, which no article reports on.
    ("Thế năm 2021?", ["Đảng bộ Sở GD&ĐT hoàn thành bao nhiêu chỉ tiêu nghị quyết năm 2020?"], "out_of_scope", None),
    # "Ông ấy" with no earlier answer sent: the person the previous question answers, also
    # through a chain of "ông ấy" turns (asked once, not turn by turn).
    ("Ông ấy giữ chức gì?", ["Ai là Giám đốc Sở GDĐT Kon Tum?"], "answered", "Tỉnh ủy viên, Bí thư Đảng ủy, Giám đốc GDĐT"),
    ("Ông ấy làm việc với Sở GDĐT Kon Tum ngày nào?", ["Ai là Bí thư Đảng ủy Khối ở Kon Tum?", "Ông ấy giữ chức vụ gì?"],
     "answered", "08 ngày 5 năm 2023"),
])
def test_review_cases(assistant, question, history, status, short):
    answer = assistant.ask(question, history=history)
    assert answer.status == status
    assert (answer.short_answer.text if answer.short_answer else None) == short


def test_questions_about_words_ending_in_em_are_not_small_talk():
    from rag.answer import chitchat

    assert chitchat.reply("Lượt xem là gì?") is None and chitchat.reply("Hệ thống tem là gì?") is None
    assert chitchat.reply("Bạn là ai và Đại hội Lạng Sơn có bao nhiêu đảng viên?") is None
    assert chitchat.reply("Cảm ơn, còn Đại hội Lạng Sơn có bao nhiêu đảng viên?") is None
    assert chitchat.reply("Chúc buổi sáng tốt lành") is not None
    # Thanks with praise asks nothing; thanks with a request asks something.
    assert chitchat.reply("Cảm ơn bạn nhiều nhé, bạn giải thích dễ hiểu quá!") == chitchat.REPLIES["thanks"]
    assert chitchat.reply("Cảm ơn, cho tôi biết thêm về học bổng khuyến khích học tập") is None


def test_list_items_are_read_past_the_retrieved_chunks(assistant):
    answer = assistant.ask("Đồng chí Nguyễn Thị Tuyết Hà yêu cầu những gì?")
    assert answer.short_answer.kind == "list" and answer.short_answer.text.startswith("- Tiếp tục theo dõi")


@pytest.mark.parametrize("sentence, question, text, basis, sure", [
    # Where the question word stands, read from the words around it: found, not guessed.
    ("Tuyên bố được viết bằng tiếng Latin.", "Tuyên bố được viết bằng tiếng gì?", "Latin", "slot", True),
    ("Hội nghị diễn ra vào ngày 21/5/2020 tại Lạng Sơn.", "Hội nghị diễn ra vào ngày nào?", "21/5/2020", "date", True),
    # No question word's place in the sentence ("vấn đề" is not written): the longest run of
    # words the question does not say, near those it does, is a guess, even when it is right.
    ("Hội nghị đã thông qua nghị quyết về chuyển đổi số trong giáo dục.", "Hội nghị đã thông qua nghị quyết về vấn đề gì?",
     "chuyển đổi số trong giáo dục", "gap", False),
])
def test_a_short_answer_says_whether_it_is_a_guess(sentence, question, text, basis, sure):
    from rag.answer.question import answer_kind
    from rag.text import segment

    found = find(question, answer_kind(question), [(sentence, 0)], {0: set(segment(sentence))})
    assert (found.text, found.basis, found.sure) == (text, basis, sure)


@pytest.mark.parametrize("sentence, question, text", [
    # The aim after "nhằm", whole to the sentence's end: several aims joined by commas.
    ("Đảng ủy Sở tổ chức Hội nghị nhằm Sơ kết công tác Đảng 6 tháng đầu năm 2020, triển khai phương hướng, "
     "nhiệm vụ 2020.", "Hội nghị được tổ chức nhằm mục đích gì?",
     "Sơ kết công tác Đảng 6 tháng đầu năm 2020, triển khai phương hướng, nhiệm vụ 2020"),
    ("Hội nghị nhằm đánh giá kết quả công tác năm 2020.", "Mục đích của hội nghị cán bộ, công chức năm 2021 là gì?",
     "đánh giá kết quả công tác năm 2020"),
    ("Hội nghị nhằm đánh giá kết quả công tác năm 2020.", "Hội nghị có mục đích là gì?", "đánh giá kết quả công tác năm 2020"),
    # A full stop inside the sentence belongs to a number or an abbreviation, not to its end.
    ("Chương trình nhằm hỗ trợ 2,5 tỷ đồng cho 3.200 hộ nghèo tại TP. Hồ Chí Minh.", "Chương trình nhằm mục đích gì?",
     "hỗ trợ 2,5 tỷ đồng cho 3.200 hộ nghèo tại TP. Hồ Chí Minh"),
    # "nhằm ngày …" says when, not what for: the aim is the other "nhằm".
    ("Lễ ra mắt diễn ra dịp Tết, nhằm ngày 12/2/2021, nhằm tôn vinh nhà giáo.", "Lễ ra mắt nhằm mục đích gì?",
     "tôn vinh nhà giáo"),
    # A long aim is cut at its last comma within 40 words, not in the middle of an item.
    ("Đề án nhằm " + ", ".join(f"việc số {k} được làm tốt" for k in range(12)) + ".", "Đề án nhằm mục đích gì?",
     ", ".join(f"việc số {k} được làm tốt" for k in range(6))),
])
def test_a_purpose_is_the_clause_after_nham(sentence, question, text):
    from rag.answer.question import answer_kind

    found = find(question, answer_kind(question), [(sentence, 0)])
    assert (found.text, found.kind, found.sure) == (text, "purpose", True)


def test_dung_de_is_no_purpose_clause():
    # "… để làm gì?" is answered by "dùng để …" in too many ways to read the clause whole,
    # even where the quote says "nhằm".
    found = find("Lông mao dùng để làm gì?", None, [("Lông mao dùng để bơi, nhằm giữ thăng bằng khi săn mồi.", 0)])
    assert found is None or found.kind != "purpose"


def test_a_person_question_answered_by_a_body_name_is_a_guess():
    # No person's name in the quote, nor one said to do what is asked: the capitalised name
    # nearest the question's words, a guess.
    found = find("Ai phụ trách hội nghị?", "person", [("Hội nghị của Sở GDĐT Lạng Sơn diễn ra sáng nay.", 0)])
    assert found.text == "Sở GDĐT Lạng Sơn" and found.basis == "entity" and not found.sure
    # Not for what only a person does at a gathering, which the quote does not say anyone did
    # (a staff user's pass got "Có thể là: Sở Giáo dục và Đào tạo" for who chaired).
    assert find("Ai chủ trì hội nghị?", "person", [("Hội nghị của Sở GDĐT Lạng Sơn diễn ra sáng nay.", 0)]) is None
    # A body the quote says does it ("do … chủ trì") is the answer.
    said = find("Ai chủ trì hội nghị?", "person", [("Hội nghị do Sở GDĐT Lạng Sơn chủ trì.", 0)])
    assert said.text == "Sở GDĐT Lạng Sơn" and said.basis == "role" and said.sure
    named = find("Ai chủ trì hội nghị?", "person", [("Hội nghị do đồng chí Nguyễn Văn An chủ trì.", 0)])
    assert named.text == "Nguyễn Văn An" and named.sure


def test_a_purpose_question_is_answered_with_the_whole_aim(assistant):
    short = assistant.ask("Hội nghị ngày 03-7-2020 của Đảng ủy Sở GDĐT Sóc Trăng được tổ chức nhằm mục đích gì?").short_answer
    assert short.text.startswith("Sơ kết công tác Đảng 6 tháng đầu năm 2020, triển khai phương hướng") and short.sure


def test_a_guessed_short_answer_is_marked_through_the_pipeline(assistant):
    dated = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?").short_answer
    assert dated.text == "21/5/2020" and dated.sure
    guess = assistant.ask("Buổi làm việc giữa Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum nhằm tìm hiểu điều gì?").short_answer
    assert guess.basis == "gap" and not guess.sure


@pytest.mark.parametrize("sentence, span, expected", [
    ("Đảng bộ được tặng bằng khen tổ chức cơ sở Đảng “trong sạch, vững mạnh” tiêu biểu năm 2020.",
     "vững mạnh” tiêu biểu", "“trong sạch, vững mạnh” tiêu biểu"),
    ("Họ nêu hai khẩu hiệu “đoàn kết” và “đổi mới” trong năm.", "kết” và “đổi", "“đoàn kết” và “đổi mới”"),
    # Grown past 14 words it would be no short answer: kept as found.
    ("Chủ đề là “Tiếp tục nâng cao năng lực lãnh đạo, sức chiến đấu của toàn đảng bộ, đáp ứng yêu cầu "
     "đổi mới căn bản, toàn diện giáo dục và đào tạo” của đại hội.", "giáo dục và đào tạo” của đại hội",
     "giáo dục và đào tạo” của đại hội"),
])
def test_a_span_cutting_a_quotation_takes_in_the_rest_of_it(sentence, span, expected):
    from rag.answer.span.base import ShortAnswer
    from rag.answer.span.edges import _whole_quote

    at = sentence.index(span)
    got = _whole_quote(ShortAnswer(span, 100 + at, 100 + at + len(span), "span"), [(sentence, 100)])
    assert got.text == expected and sentence[got.start - 100 : got.end - 100] == expected


def test_a_guess_is_shown_as_one_not_in_bold():
    from ui.render import answer_as_text, short_answer_text

    guess = {"text": "tập trung nâng cao chất lượng", "citation": 1, "sure": False}
    assert short_answer_text(guess) == ("Có thể là: tập trung nâng cao chất lượng [1] "
                                        "_(chưa chắc chắn, vui lòng đối chiếu đoạn trích bên dưới)_")
    assert "Có thể là (chưa chắc chắn, vui lòng đối chiếu đoạn trích): tập trung" in answer_as_text(
        "Hỏi?", {"answer": "Đáp.", "short_answer": guess})
    assert short_answer_text({**guess, "sure": True}) == "**Tập trung nâng cao chất lượng [1]**"
    # The first letter, after an opening mark; a word written with a capital inside stays so.
    assert short_answer_text({"text": "“trong sạch” tiêu biểu", "citation": 1}) == "**“Trong sạch” tiêu biểu [1]**"
    assert short_answer_text({"text": "eLearning", "citation": 1}) == "**eLearning [1]**"
    # A count opens with its number: its noun stays as written (a staff user's pass: "139 Đảng viên").
    assert short_answer_text({"text": "139 đảng viên", "citation": 1}) == "**139 đảng viên [1]**"
    assert short_answer_text({"text": "10/10 chỉ tiêu", "citation": 1}) == "**10/10 chỉ tiêu [1]**"


@pytest.mark.parametrize("sentence, question, span", [
    # "X là gì?" asking a name or a theme is not a definition to read to the sentence's end.
    ("Tên gọi mới của trường là Trường THPT Lê Lợi, theo Quyết định số 123 của UBND tỉnh.",
     "Tên gọi mới của trường là gì?", "Trường THPT Lê Lợi"),
    ("Chủ đề của Đại hội là “Đoàn kết - Dân chủ - Kỷ cương”, Đại hội đã bầu 09 đồng chí.",
     "Chủ đề của Đại hội là gì?", "Đoàn kết - Dân chủ - Kỷ cương"),
    # A term with a comma in it is read whole.
    ("3. Theo dõi, đánh giá viên chức là việc ghi nhận, xác nhận và chấm điểm viên chức hằng tháng.",
     "Theo dõi, đánh giá viên chức là gì?", "việc ghi nhận, xác nhận và chấm điểm viên chức hằng tháng"),
])
def test_only_a_term_defined_is_read_as_a_definition(sentence, question, span):
    assert find(question, "definition", [(sentence, 0)]).text.strip("“”") == span


def test_a_follow_up_naming_a_province_person_or_time_keeps_the_earlier_anchors():
    from rag.answer.reading import _focus

    assert _focus("Còn ở Trà Vinh thì sao?", "Đại hội Đảng bộ Sở GDĐT Trà Vinh diễn ra ngày nào?") == ()
    assert _focus("Còn năm 2021?", "Hội nghị năm 2021 có bao nhiêu đại biểu?") == ()
    assert _focus("Còn dự khuyết?", "dự khuyết? Đoàn có bao nhiêu đại biểu chính thức?") == ("dự", "khuyết")


def test_a_span_over_two_parenthesised_groups_is_not_widened():
    from rag.answer.span.base import ShortAnswer
    from rag.answer.span.finder import _whole_parenthesis

    text = "gồm 2 cơ quan (Sở GDĐT, Công đoàn ngành) và 2 đơn vị (Trường DTNT, Trung tâm GDTX)."
    s, e = text.index("Công đoàn"), text.index("Trường DTNT") + len("Trường DTNT")
    span = ShortAnswer(text[s:e], s, e, "list")
    assert _whole_parenthesis(span, [(text, 0)]) == span


def test_a_date_is_shown_with_the_day_it_names_where_the_article_writes_it_otherwise():
    from rag.wording import with_day
    from ui.render import answer_as_text, short_answer_text

    assert with_day("08 ngày 5 năm 2023", "2023-05-08") == "08 ngày 5 năm 2023 (08/05/2023)"
    assert with_day("21/5/2020", "2020-05-21") == "21/5/2020" and with_day("năm 2020", None) == "năm 2020"
    assert with_day("ngày 21/5/2020", "2020-05-21") == "ngày 21/5/2020"
    from rag.answer.span.base import ShortAnswer
    for several in ("ngày 12 và 13/3/2024", "từ ngày 21/5/2020 đến ngày 25/5/2020"):  # no one day
        assert ShortAnswer(several, 0, len(several), "date").day is None
    short = {"text": "08 ngày 5 năm 2023", "citation": 1, "day": "2023-05-08"}
    assert short_answer_text(short) == "**08 ngày 5 năm 2023 (08/05/2023) [1]**"
    assert "Trả lời ngắn: 08 ngày 5 năm 2023 (08/05/2023) [1]" in answer_as_text("Ngày nào?", {"short_answer": short})


def test_a_follow_up_borrowing_the_earlier_question_reads_as_it_about_its_own_words():
    from ui.render import understood_as

    reply = {"query": "dự khuyết? Đoàn đại biểu gồm bao nhiêu đại biểu chính thức?"}
    assert understood_as("Còn dự khuyết?", reply) == (
        "Đã hiểu câu hỏi là: “Đoàn đại biểu gồm bao nhiêu đại biểu chính thức?”, hỏi về “dự khuyết”")
    assert understood_as("Còn khoản 2 thì sao?", {"query": "Theo khoản 2 Điều 105, …?"}) == (
        "Đã hiểu câu hỏi là: “Theo khoản 2 Điều 105, …?”")
    assert understood_as("Ngày nào?", {"query": "Ngày nào?"}) is None
    # A question of its own searched with the earlier one after it (for "đó"): the two apart (a
    # staff user had been shown them glued into one).
    whole = "Hội nghị đó có bao nhiêu đại biểu tham dự? Hội nghị cán bộ Sở GDĐT Trà Vinh diễn ra ngày nào?"
    assert understood_as("Hội nghị đó có bao nhiêu đại biểu tham dự?", {"query": whole}) == (
        "Đã hiểu câu hỏi là: “Hội nghị đó có bao nhiêu đại biểu tham dự?”, tiếp theo câu “Hội nghị cán bộ Sở GDĐT Trà "
        "Vinh diễn ra ngày nào?”")
    # The earlier question typed in lower case, as staff often type (shown glued before).
    lower = "ai báo cáo tóm tắt tại buổi làm việc đó? đảng ủy khối làm việc với sở gdđt kon tum ngày nào?"
    assert understood_as("ai báo cáo tóm tắt tại buổi làm việc đó?", {"query": lower}) == (
        "Đã hiểu câu hỏi là: “ai báo cáo tóm tắt tại buổi làm việc đó?”, tiếp theo câu “đảng ủy khối làm việc với "
        "sở gdđt kon tum ngày nào?”")
    # Small talk with a greeting stripped is no reading to show.
    assert understood_as("Chào bạn, bạn là ai?", {"query": "bạn là ai?", "status": "chitchat"}) is None
    # Its own words glued to the earlier question with no "?" between: told apart where the
    # conversation's earlier question starts (a staff user had read "… UBND tỉnh Có bao nhiêu …").
    earlier = "Có bao nhiêu cá nhân đạt Chiến sĩ thi đua cấp cơ sở?"
    glued = {"query": f"bằng khen của Chủ tịch UBND tỉnh {earlier}"}
    assert understood_as("còn bằng khen của Chủ tịch UBND tỉnh thì sao?", glued, [earlier]) == (
        f"Đã hiểu câu hỏi là: “{earlier}”, hỏi về “bằng khen của Chủ tịch UBND tỉnh”")


def test_a_list_short_answer_renders_as_a_markdown_list():
    from ui.render import short_answer_text

    text = short_answer_text({"text": "- Một việc;\n- Hai việc.", "citation": 1})
    assert text == "- **Một việc;**\n- **Hai việc.** [1]"
    assert short_answer_text({"text": "21/5/2020", "citation": 2}) == "**21/5/2020 [2]**"


@pytest.mark.parametrize("question, quoted, short", [
    ("Thời giờ làm việc bình thường không quá bao nhiêu giờ trong một ngày?", "không quá 08 giờ", "không quá 08 giờ"),
    ("Người lao động được nghỉ Tết Âm lịch mấy ngày?", "Tết Âm lịch: 05 ngày", "05 ngày"),
    # Two counts with the same words before them: the one the question's other words surround.
    ("Làm việc ban đêm thì được nghỉ giữa giờ ít nhất bao nhiêu phút?", "ít nhất 45 phút", "ít nhất 45 phút"),
    ("Người lao động làm việc chưa đủ 12 tháng thì số ngày nghỉ hằng năm tính thế nào?",
     "theo tỷ lệ tương ứng với số tháng làm việc", "theo tỷ lệ tương ứng với số tháng làm việc"),
    # An item is read under its lead ("… được nghỉ hằng năm, …, như sau:"), which it does not repeat;
    # "hằng năm mấy ngày" counts days, it does not ask for a year.
    ("Người lao động chưa thành niên được nghỉ hằng năm bao nhiêu ngày?", "b) 14 ngày làm việc", "14 ngày làm việc"),
    ("Người làm công việc đặc biệt nặng nhọc được nghỉ hằng năm mấy ngày?", "c) 16 ngày làm việc", "16 ngày làm việc"),
])
def test_numbered_clauses_of_a_law_are_quoted_and_answered(legal_assistant, question, quoted, short):
    """Legal text (articles, numbered clauses, lettered items) is built unlike news: nothing
    in the answer step was chosen on it, so it checks that the rules carry over."""
    answer = legal_assistant.ask(question)
    assert answer.status == "answered" and quoted in answer.text
    assert answer.short_answer is not None and answer.short_answer.text == short


def test_a_question_restating_a_statute_articles_heading_gets_its_clauses(base_settings, embedder, tmp_path):
    """"Các hành vi bị cấm … là gì?" restates "Điều 6. Các hành vi bị cấm …": its clauses are the
    answer (an API probe had got the guess "Điều 6")."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    folder = tmp_path / "law"
    folder.mkdir()
    (folder / "luat-tmdt.txt").write_text(
        "Luật Thương mại điện tử số 122/2025/QH15\n\nQUỐC HỘI\n\nĐiều 5. Phạm vi điều chỉnh\nLuật này quy định về hoạt động thương mại điện tử.\n\n"
        "Điều 6. Các hành vi bị cấm trong hoạt động thương mại điện tử\n"
        "1. Thực hiện các hành vi lừa đảo, lừa dối trên nền tảng thương mại điện tử.\n"
        "2. Kinh doanh hàng cấm, hàng giả trên nền tảng thương mại điện tử.\n"
        "3. Giả mạo thông tin đăng ký của tổ chức, cá nhân khác.\n\n"
        "Điều 7. Hiệu lực thi hành\nLuật này có hiệu lực từ ngày 01 tháng 7 năm 2026.\n", encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": tmp_path / "index"})
    ingest_folder(folder, s, embedder)
    short = Assistant(s, embedder).ask("Các hành vi bị cấm trong hoạt động thương mại điện tử là gì?").short_answer
    assert short.kind == "list" and short.text.startswith("1. Thực hiện các hành vi lừa đảo")
    assert short.text.endswith("tổ chức, cá nhân khác.") and "Điều 7" not in short.text


def test_a_list_of_points_ends_where_the_next_clause_starts(legal_assistant):
    """Points "a) … e)" under clause 1 are the list; "2. Lao động là người nước ngoài …" is the
    next clause, not another point (an API probe had got the next clause's items too)."""
    answer = legal_assistant.ask("Người lao động được nghỉ làm việc, hưởng nguyên lương trong những ngày lễ, tết nào?")
    short = answer.short_answer
    assert short is not None and short.kind == "list"
    assert short.text.startswith("a) Tết Dương lịch") and short.text.endswith("(ngày 10 tháng 3 âm lịch).")
    assert "người nước ngoài" not in short.text


def test_a_labelled_point_the_question_names_is_the_answer():
    from rag.answer.span import labelled_item

    class Item:  # a quoted sentence: its text and where it starts in the article
        def __init__(self, text, start):
            self.text, self.start = text, start

    items = [Item("a) Giảng viên cao đẳng: giảng viên, giảng viên chính;", 0),
             Item("b) Giảng viên đại học: giảng viên, giảng viên chính, phó giáo sư, giáo sư;", 60)]
    found = labelled_item("Các chức danh giảng viên đại học gồm những chức danh nào?", items)
    assert found.text == "giảng viên, giảng viên chính, phó giáo sư, giáo sư" and found.start == 60 + items[1].text.index("giảng viên,")
    assert labelled_item("Các chức danh giảng viên gồm những chức danh nào?", items) is None  # none named whole


@pytest.mark.parametrize("sentence, question", [
    # A part of a text is no place, nor a state of things; asked where a gathering took place,
    # "trong toàn đảng bộ" is no venue (an API probe and a staff user had got these, bold).
    ("Nhà giáo gửi đơn đề nghị theo Mẫu số 01 tại Phụ lục kèm theo Nghị định này.", "Nhà giáo gửi hồ sơ ở đâu?"),
    ("Chế độ được tính theo quy định tại các điểm a, b khoản này.", "Chế độ được tính theo quy định ở đâu?"),
    ("Hội nghị tổng kết được tổ chức trong bối cảnh có nhiều khó khăn, đảng viên trong toàn đảng bộ nêu cao tinh "
     "thần trách nhiệm.", "Hội nghị tổng kết diễn ra ở đâu?"),
])
def test_no_place_is_made_of_what_is_not_one(sentence, question):
    assert find(question, "place", [(sentence, 0)]) is None


@pytest.mark.parametrize("sentence, question, place", [
    # Words that open a cited part elsewhere are places here (a cold read's probes).
    ("Học sinh thi tại điểm thi Trường THPT Lê Lợi.", "Học sinh thi ở đâu?", "điểm thi Trường THPT Lê Lợi"),
    ("Cháu Minh học tại mẫu giáo Hoa Sen của phường.", "Cháu Minh học ở đâu?", "mẫu giáo Hoa Sen của phường"),
    ("Học sinh học tại các điểm trường thôn bản.", "Học sinh học ở đâu?", "các điểm trường thôn bản"),
])
def test_a_place_named_like_a_cited_part_is_still_a_place(sentence, question, place):
    assert find(question, "place", [(sentence, 0)]).text == place


def test_a_place_after_trong_is_kept_where_no_venue_is_asked():
    sentence = "Tiếng leng keng bốn nốt vẫn được sử dụng trong phần kết thúc của chương trình."
    assert find("Tiếng leng keng bốn nốt vẫn được sử dụng ở đâu?", "place", [(sentence, 0)]).text == \
        "phần kết thúc của chương trình"
    hall = "Hội nghị diễn ra trong Hội trường Sở GDĐT."
    assert find("Hội nghị diễn ra ở đâu?", "place", [(hall, 0)]).text == "Hội trường Sở GDĐT"


def test_a_law_does_not_answer_what_it_does_not_say(legal_assistant):
    assert legal_assistant.ask("Mức lương tối thiểu vùng I là bao nhiêu?").abstained


@pytest.mark.parametrize("question, cited, subject", [
    ("Theo Điều 17, sàn phải báo trước mấy ngày?", ["17"], False),
    ("theo điều 5a và Điều 6 thì sao?", ["5a", "6"], False),
    ("Điều lệ trường trung học quy định gì?", [], False),  # "Điều lệ", "điều kiện": no number, no article
    ("Điều kiện để được xét là gì?", [], False),
    ("Điều 17 quy định gì?", ["17"], True),
    ("Điều 5 của Luật này nói về vấn đề gì?", ["5"], True),
    ("Điều 17 quy định thời hạn bao lâu?", ["17"], False),
    ("Điều 17 đề cập đến vấn đề gì?", ["17"], True),
    ("Nội dung của Điều 17 là gì?", ["17"], True),
    # Past a comma the question asks what a clause says, not what the article is about.
    ("Theo Điều 105, người sử dụng lao động có quyền quy định gì?", ["105"], False),
    ("Theo Điều 112, lao động nước ngoài được nghỉ thêm theo quy định nào?", ["112"], False),
])
def test_statute_articles_a_question_cites(question, cited, subject):
    from rag.answer import provision

    assert provision.cited(question) == cited
    assert provision.asks_subject(question) is subject


def test_which_statute_article_a_position_lies_in():
    from rag.answer import provision

    text = ("LUẬT X\nĐiều 1. Phạm vi\nNội dung một.\nĐiều 2. Đối tượng\n1. Nội dung hai, theo Điều 1.\n"
            "  ĐIỀU 3: Giải thích\r\nĐiều 4.\nHiệu lực\n")
    heads = provision.headings(text)
    assert heads[1] == ["1", "2", "3", "4"]  # "theo Điều 1." inside a clause opens no article
    assert provision.at(heads, 0) is None
    assert provision.at(heads, text.index("Nội dung một")) == "1"
    assert provision.at(heads, text.index("Nội dung hai")) == "2"
    assert provision.spanned(heads, text.index("Nội dung một"), text.index("  ĐIỀU 3")) == {"1", "2"}
    start, end, title = provision.heading(text, heads, "2")
    assert text[start:end] == "Điều 2. Đối tượng" and text[title:end] == "Đối tượng"
    start, end, title = provision.heading(text, heads, "3")
    assert text[start:end] == "ĐIỀU 3: Giải thích" and text[title:end] == "Giải thích"
    start, end, title = provision.heading(text, heads, "4")
    assert text[start:end] == "Điều 4." and title == end  # its title is on the next line
    assert provision.heading(text, heads, "5") is None


@pytest.mark.parametrize("number, opening", [("112", "Điều 112. Nghỉ lễ, tết"), ("113", "Điều 113. Nghỉ hằng năm")])
def test_a_cited_statute_article_is_where_the_answer_comes_from(legal_assistant, number, opening):
    """"Theo Điều 113, …": the same words asked of two articles are answered from the one cited."""
    answer = legal_assistant.ask(f"Theo Điều {number}, người lao động được nghỉ mấy ngày?")
    assert answer.status == "answered"
    text = legal_assistant.refresh().store.get_article(answer.citations[0].article_id).text
    start = text.index(opening)
    following = text.find("\nĐiều ", start + 1)
    assert start < answer.citations[0].start and answer.citations[0].end <= (following if following > 0 else len(text))


def test_a_statute_article_cited_wrongly_does_not_hide_the_answer(legal_assistant):
    """Citing is favoured, not enforced: the article that plainly answers still does."""
    answer = legal_assistant.ask("Theo Điều 113, lao động nước ngoài được nghỉ thêm mấy ngày Tết?")
    assert answer.status == "answered" and "còn được nghỉ thêm 01 ngày Tết cổ truyền" in answer.text
    assert answer.short_answer.text == "01 ngày"


@pytest.mark.parametrize("question, number, heading, last", [
    ("Điều 113 quy định gì?", "113", "Nghỉ hằng năm", "thanh toán tiền lương cho những ngày chưa nghỉ."),
    ("Điều 109 của Bộ luật này nói về vấn đề gì?", "109", "Nghỉ trong giờ làm việc", None),
])
def test_what_a_cited_statute_article_is_about_is_its_heading(legal_assistant, question, number, heading, last):
    """The article is quoted from its heading on (a staff member asking what it says wants its
    clauses, not only its title, as a helper's pass through the chat found); the heading's
    title is the short answer."""
    answer = legal_assistant.ask(question)
    quote = answer.citations[0].quote
    assert quote.startswith(f"Điều {number}. {heading}\n1. ") and "\nĐiều " not in quote
    assert last is None or quote.endswith(last)
    assert (answer.short_answer.text, answer.short_answer.kind, answer.short_answer.sure) == (heading, "subject", True)


@pytest.mark.parametrize("line, heading", [
    ("Điều 3. Giải thích từ ngữ", True), ("ĐIỀU 3: Giải thích từ ngữ", True), ("Điều 3 - Giải thích từ ngữ", True),
    ("CHƯƠNG II QUY ĐỊNH CHUNG", True), ("Điều 3. Giải thích. Từ ngữ dưới đây", False),
])
def test_statute_headings_in_every_form_provision_reads_are_headings(line, heading):
    """The heading words clauses borrow, and the heading never quoted as an answer: the same
    forms the article parser reads ("ĐIỀU 3:", "Điều 3 -")."""
    from rag.answer.layout import HEADING

    assert bool(HEADING.match(line)) is heading


def test_a_long_statute_article_is_quoted_up_to_a_line_end():
    from rag.answer import provision

    text = "Điều 1. Dài\n" + "".join(f"{k}. {'chữ ' * 60}hết.\n" for k in range(1, 9)) + "Điều 2. Sau\n"
    heads = provision.headings(text)
    start, end = provision.body(text, heads, "1")
    assert end - start <= 1500 and text[end - 4:end] == "hết." and text[end] == "\n"
    assert provision.items(text, heads, "1") == 8 and provision.items(text, heads, "2") == 0


def test_several_cited_statute_articles_are_each_quoted_and_a_missing_one_named(legal_assistant):
    """"Điều 5 và Điều 113 quy định gì?" over a text with no Điều 5: Điều 113's heading, and
    Điều 5 said to be missing (before, the missing first one sent the question to the sentence
    scorer, which quoted Điều 109)."""
    both = legal_assistant.ask("Điều 112 và Điều 113 quy định gì?")
    assert [c.quote.split("\n")[0] for c in both.citations] == ["Điều 112. Nghỉ lễ, tết", "Điều 113. Nghỉ hằng năm"]
    assert both.short_answer.text == "Nghỉ lễ, tết" and both.note is None
    one = legal_assistant.ask("Điều 5 và Điều 113 quy định gì?")
    assert one.status == "answered" and [c.quote.split("\n")[0] for c in one.citations] == ["Điều 113. Nghỉ hằng năm"]
    assert one.note == "Văn bản “Bộ luật Lao động 2019 - Chương VII: Thời giờ làm việc, thời giờ nghỉ ngơi” không có Điều 5."
    assert one.text.endswith("[1]\n\n" + one.note) and one.short_answer.text == "Nghỉ hằng năm"  # apart from the quote


@pytest.mark.parametrize("question, opening, closing", [
    ("Khoản 2 Điều 113 quy định gì?", "2. Người lao động làm việc chưa đủ 12 tháng", "tương ứng với số tháng làm việc."),
    # a clause with its points, up to the next clause
    ("Nội dung của khoản 1 Điều 113 là gì?", "1. Người lao động làm việc đủ 12 tháng", "đặc biệt nặng nhọc, độc hại, nguy hiểm."),
])
def test_what_a_cited_clause_says_is_the_clause_whole(legal_assistant, question, opening, closing):
    answer = legal_assistant.ask(question)
    quote = answer.citations[0].quote
    assert answer.status == "answered" and quote.startswith(opening) and quote.endswith(closing)
    assert "\n2. " not in quote[1:] and answer.short_answer is None  # a clause says too much to be a short answer


def test_a_clause_the_article_does_not_have_is_said_to_be_missing(legal_assistant):
    answer = legal_assistant.ask("Khoản 9 Điều 113 quy định gì?")
    assert answer.status == "not_found" and not answer.citations
    assert answer.text.endswith("không có khoản 9 Điều 113. Điều 113 có 3 khoản.")  # what there is to ask


@pytest.mark.parametrize("clause, short", [("1", "không quá 08 giờ"), ("2", "không quá 10 giờ")])
def test_a_cited_clause_is_where_the_answer_comes_from(legal_assistant, clause, short):
    """Clauses 1 and 2 of Điều 105 both cap the hours in a day; the one cited answers. Without
    the clause's bonus, clause 1's question was answered from clause 2."""
    answer = legal_assistant.ask(f"Theo khoản {clause} Điều 105, thời giờ làm việc bình thường không quá bao nhiêu giờ "
                                 "trong một ngày?")
    assert answer.status == "answered" and answer.short_answer.text == short
    assert answer.citations[0].quote.startswith(f"{clause}. ") and "\n" not in answer.citations[0].quote  # that clause only


@pytest.mark.parametrize("question, clauses", [
    ("Theo khoản 2 Điều 112, …?", {"112": ["2"]}), ("khoản 02 của điều 5a quy định gì?", {"5a": ["2"]}),
    ("Theo khoản 2, Điều 112, …?", {"112": ["2"]}), ("Theo Điều 112 khoản 2, …?", {"112": ["2"]}),
    ("khoản 1, 2 Điều 5", {"5": ["1", "2"]}), ("khoản 2 và khoản 3 Điều 5", {"5": ["2", "3"]}),
    ("khoản 2 Điều 5 và khoản 3 Điều 5", {"5": ["2", "3"]}), ("Điều 5 và khoản 2 Điều 113", {"113": ["2"]}),
    ("Theo Điều 112, …?", {}), ("Khoản 2 quy định gì?", {}),  # no article: nothing to read the clause in
])
def test_clauses_a_question_cites(question, clauses):
    from rag.answer import provision

    assert provision.clauses(question) == clauses


def test_where_a_clause_of_a_statute_article_runs():
    from rag.answer import provision

    text = ("Điều 1. Phạm vi\n1. Khoản một:\na) điểm a;\nMục tiêu là x;\nb) điểm b.\n2.Khoản hai.\nChương II\n"
            "QUY ĐỊNH\nĐiều 2. Đối tượng\n1. Khoản một của Điều 2.\n2. Khoản hai của Điều 2.\n\n"
            "Luật này đã được Quốc hội khóa XV thông qua ngày 10 tháng 12 năm 2025.\n"
            "CHỦ TỊCH QUỐC HỘI\nNguyễn Văn A\n")
    heads = provision.headings(text)
    # "Mục tiêu …" is no "Mục 1" heading; "2.Khoản" (no space after the number) is still clause 2
    assert text[slice(*provision.clause(text, heads, "1", "1"))] == "1. Khoản một:\na) điểm a;\nMục tiêu là x;\nb) điểm b."
    assert text[slice(*provision.clause(text, heads, "1", "2"))] == "2.Khoản hai."  # a chapter heading ends it
    assert text[slice(*provision.clause(text, heads, "2", "1"))] == "1. Khoản một của Điều 2."
    assert text[slice(*provision.clause(text, heads, "2", "2"))] == "2. Khoản hai của Điều 2."  # not the passing, nor the signer
    assert provision.clause(text, heads, "1", "3") is None and provision.clause(text, heads, "3", "1") is None


def test_several_cited_clauses_are_each_quoted(legal_assistant):
    answer = legal_assistant.ask("Khoản 1, 2 Điều 113 quy định gì?")
    assert [c.quote[:3] for c in answer.citations] == ["1. ", "2. "] and answer.note is None


@pytest.mark.parametrize("question, short", [
    # "trong một tuần" picks the weekly cap among the day's and the week's
    ("Theo điều 105, thời giờ làm việc bình thường không quá bao nhiêu giờ trong một tuần?", "không quá 48 giờ"),
    # "mấy ngày" counts days: clause 2's "12 tháng" is no answer to it
    ("Theo Điều 113, người lao động được nghỉ mấy ngày?", "12 ngày làm việc"),
])
def test_a_count_is_of_the_unit_and_span_the_question_asks(legal_assistant, question, short):
    assert legal_assistant.ask(question).short_answer.text == short


@pytest.mark.parametrize("question, sentence, short", [
    ("Người lao động được nghỉ mấy ngày?", "Người lao động làm việc chưa đủ 12 tháng thì được nghỉ theo tỷ lệ.", None),
    ("Có bao nhiêu học sinh đạt giải?", "Có 500 học sinh tham gia kỳ thi, trong đó 120 học sinh đạt giải.", "120 học sinh"),
    ("Thời giờ làm việc không quá bao nhiêu giờ trong một tuần?",
     "Thời giờ làm việc không quá 08 giờ trong 01 ngày và không quá 48 giờ trong 01 tuần.", "không quá 48 giờ"),
    ("Mức hỗ trợ là bao nhiêu đồng?", "Mức hỗ trợ từ 1.000.000 đồng đến 3.000.000 đồng mỗi tháng.",
     "từ 1.000.000 đồng đến 3.000.000 đồng"),  # a range whole, its bounds with their unit
    ("Làm thêm tối đa bao nhiêu giờ trong một năm?",  # "năm" says which count, though also "five"
     "Làm thêm không quá 40 giờ trong 01 tháng và không quá 200 giờ trong 01 năm.", "không quá 200 giờ"),
])
def test_number_spans_read_the_unit_and_what_follows_the_counted_noun(question, sentence, short):
    from rag.answer.question import read
    from rag.answer.span import find

    found = find(question, read(question).kind, [(sentence, 0)], {})
    assert (found.text if found else None) == short


@pytest.mark.parametrize("question, number", [("Theo Điều 120, người lao động được nghỉ mấy ngày?", "120"),
                                              ("điều 5 quy định gì?", "5"),
                                              # the law named, and it is this one: still no Điều 120
                                              ("Điều 120 của Bộ luật Lao động quy định gì?", "120")])
def test_a_statute_article_the_text_does_not_have_is_said_to_be_missing(legal_assistant, question, number):
    answer = legal_assistant.ask(question)
    assert answer.abstained and answer.status == "not_found" and not answer.citations
    assert answer.text == f"Văn bản “Bộ luật Lao động 2019 - Chương VII: Thời giờ làm việc, thời giờ nghỉ ngơi” không có Điều {number}."


def test_what_a_statute_article_says_is_not_answered_from_news(assistant):
    """News has no "Điều 5.": asked what it provides, the sample articles do not quote a "5 tuổi"."""
    answer = assistant.ask("Điều 5 quy định gì?")
    assert answer.status == "not_found" and answer.text == "Không tìm thấy Điều 5 trong các văn bản đã đưa vào hệ thống."


@pytest.fixture(scope="module")
def commerce_law(base_settings, embedder, tmp_path_factory):
    """The assistant over the e-commerce law (data/eval/legal4), in its own index."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    law = ROOT / "data" / "eval" / "legal4" / "luat-thuong-mai-dien-tu-2025.txt"
    root = tmp_path_factory.mktemp("commerce")
    folder = root / "law"
    folder.mkdir()
    (folder / law.name).write_text(law.read_text(encoding="utf-8"), encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": root / "index"})
    ingest_folder(folder, s, embedder)
    return Assistant(s, embedder)


@pytest.mark.parametrize("question", [
    "Thế nào là livestream bán hàng?",
    "Livestream bán hàng được luật định nghĩa thế nào?",
    "Livestream bán hàng được hiểu là gì?",
    "Khái niệm livestream bán hàng là gì?",
])
def test_a_definition_asked_in_other_words_is_the_law_s_definition(commerce_law, question):
    """"Thế nào là X?" and its kin ask what "X là gì?" asks (a legal4b dev question had got the
    guess "Thực" from a clause on verifying livestreamers)."""
    answer = commerce_law.ask(question)
    assert answer.short_answer.kind == "definition"
    assert answer.short_answer.text.startswith("phát trực tiếp và trực tuyến trên nền tảng thương mại điện tử")


def test_a_law_named_before_the_yes_no_ending_is_that_law(commerce_law):
    """"… có phải tuân theo Luật Thương mại điện tử không?" had read the law as "Thương mại điện
    tử không" and refused the question as about another law (an API probe)."""
    from rag.answer.question import read

    question = "Dịch vụ ngân hàng trên nền tảng số có phải tuân theo Luật Thương mại điện tử không?"
    assert [law.name for law in read(question).laws] == ["Thương mại điện tử"]
    answer = commerce_law.ask(question)
    assert answer.status == "answered" and "mà không phải thực hiện theo quy định của Luật này" in answer.citations[0].quote


def test_who_asked_as_nhung_ai_is_a_question_word_not_a_rare_word(assistant):
    """"… gồm những ai?": pyvi reads "những_ai", which no article writes; it had weighed as the
    rarest name and refused a dev2 question the Sóc Trăng article answers."""
    answer = assistant.ask("Thành phần dự hội nghị sơ kết công tác Đảng giữa năm 2020 ở Sở GDĐT Sóc Trăng gồm những ai?")
    assert answer.status == "answered" and "Nguyễn Thị Tuyết Hà" in answer.citations[0].quote


@pytest.mark.parametrize("question, said", [
    ("Sàn phải lưu hình ảnh, âm thanh của các phiên livestream bán hàng trong bao lâu?", "01 năm"),
    ("Nếu việc kinh doanh trên mạng có dấu hiệu phạm tội thì người vi phạm có thể bị xử lý thế nào?", "hình sự"),
])
def test_question_and_function_words_the_law_never_writes_do_not_refuse_it(commerce_law, question, said):
    """"bao lâu" asks, "nếu" and "thêm" join: none says what the answer is about. Unseen in the
    index, they had weighed as much as the rarest name and refused legal4 dev questions at the
    relevance gate."""
    answer = commerce_law.ask(question)
    assert answer.status == "answered" and said in answer.short_answer.text


def test_a_follow_up_going_on_with_vay_borrows_the_earlier_question(commerce_law):
    """"Vậy mức phạt là bao nhiêu?" after a question on selling fakes: searched alone it had got
    "ít nhất 30% nhiệm vụ" from another decree (an API probe); the law states no fine."""
    from rag.followup import contextualize

    earlier = "Người bán hàng giả trên sàn bị xử lý thế nào?"
    assert contextualize("Vậy mức phạt là bao nhiêu?", [earlier]) == f"mức phạt là bao nhiêu? {earlier}"
    assert contextualize("Thế nào là livestream bán hàng?", [earlier]) == "Thế nào là livestream bán hàng?"
    answer = commerce_law.ask("Vậy mức phạt là bao nhiêu?", history=[earlier])
    assert answer.abstained  # the law alone: nothing near enough; beside the decrees, no such number


def test_the_rule_answers_before_its_special_case(base_settings, embedder, tmp_path):
    """"Tỷ lệ viên chức hoàn thành xuất sắc nhiệm vụ tối đa là bao nhiêu?": the rule's 20%, not
    the 25% of "b) Trường hợp đơn vị … có thành tích xuất sắc …" (an API probe)."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    decree = ROOT / "data" / "eval" / "legal3" / "nghi-dinh-233-2026-danh-gia-xep-loai-vien-chuc.txt"
    folder = tmp_path / "law"
    folder.mkdir()
    (folder / decree.name).write_text(decree.read_text(encoding="utf-8"), encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": tmp_path / "index"})
    ingest_folder(folder, s, embedder)
    assistant = Assistant(s, embedder)
    assert assistant.ask("Tỷ lệ viên chức hoàn thành xuất sắc nhiệm vụ tối đa là bao nhiêu?").short_answer.text == "20%"
    # Asked of the case, the case's clause.
    case = assistant.ask("Trường hợp đơn vị sự nghiệp công lập có thành tích xuất sắc thì tỷ lệ viên chức hoàn "
                         "thành xuất sắc nhiệm vụ tối đa là bao nhiêu?")
    assert case.short_answer.text == "25%"


@pytest.fixture(scope="module")
def teacher_decree(base_settings, embedder, tmp_path_factory):
    """The assistant over the decree detailing the teachers' law (data/eval/legal3), alone."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    decree = ROOT / "data" / "eval" / "legal3" / "nghi-dinh-93-2026-chi-tiet-luat-nha-giao.txt"
    root = tmp_path_factory.mktemp("decree93")
    folder = root / "law"
    folder.mkdir()
    (folder / decree.name).write_text(decree.read_text(encoding="utf-8"), encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": root / "index"})
    ingest_folder(folder, s, embedder)
    return Assistant(s, embedder)


@pytest.mark.parametrize("question, quoted", [
    ("Vòng 2 của kỳ thi tuyển giáo viên có thể tổ chức theo những hình thức nào?",
     "vấn đáp, thực hành giảng dạy hoặc thi viết"),
    ("Vòng 1 thi tuyển nhà giáo thi theo hình thức nào?", "trắc nghiệm trên máy vi tính"),
])
def test_a_stage_asked_by_its_number_is_answered_from_its_own_clause(teacher_decree, question, quoted):
    """"Vòng 2 … hình thức nào?" had quoted "1. Vòng 1: Thi … bằng hình thức trắc nghiệm …" (two
    legal3 dev questions): a clause labelled with another stage is read as not about it, the
    numbered clause "2. Vòng 2: …" lends its words to its lettered items, and the item labelled
    with what is asked ("a) Hình thức thi: …") is the statute's own answer slot."""
    answer = teacher_decree.ask(question)
    assert answer.status == "answered" and quoted in answer.citations[0].quote


def test_the_items_listed_after_the_asked_noun_and_a_colon_are_the_short_answer(teacher_decree):
    """"… theo những hình thức nào?" over "… lựa chọn một trong ba hình thức thi: vấn đáp, thực
    hành giảng dạy hoặc thi viết": the list, not the clause it closes (F1 0.33 → 1.0 on a
    legal3 dev question)."""
    from rag.answer.span.names import listed_after_head

    answer = teacher_decree.ask("Vòng 2 của kỳ thi tuyển giáo viên có thể tổ chức theo những hình thức nào?")
    assert answer.short_answer.text == "vấn đáp, thực hành giảng dạy hoặc thi viết"
    question = "Hội nghị được tổ chức theo những hình thức nào?"
    assert listed_after_head(question, [("Tổ chức theo hình thức: trực tuyến.", 0)]) is None  # one, no list
    assert listed_after_head(question, [("a) Hình thức: xem khoản 2: trực tiếp, trực tuyến.", 0)]) is None
    found = listed_after_head(question, [("Chọn một trong hai hình thức: trực tiếp hoặc trực tuyến; báo cáo.", 5)])
    assert (found.text, found.start) == ("trực tiếp hoặc trực tuyến", 5 + 30)


def test_stage_and_item_label_readers():
    from rag.answer.layout import labelled_as_asked, stage
    from rag.answer.span import syllables

    assert stage("Vòng 2 của kỳ thi tuyển có mấy hình thức?") == ("vòng", 2)
    assert stage("Giai đoạn II kéo dài bao lâu?") == stage("giai đoạn 2 kéo dài bao lâu?") == ("giai đoạn", 2)
    assert stage("Phần IV gồm gì?") == ("phần", 4)
    assert stage("Vòng 1 và vòng 2 khác nhau thế nào?") is None  # two stages: neither alone
    asked = syllables("Vòng 2 thi theo những hình thức thi nào?")
    assert labelled_as_asked("a) Hình thức thi: căn cứ vào tính chất …", asked)
    assert not labelled_as_asked("b) Nội dung thi: kiểm tra kiến thức …", asked)
    assert not labelled_as_asked("Hình thức thi: vấn đáp.", asked)  # no item


def test_parallel_clauses_each_state_their_own_count():
    """"… trung cấp … là 06 tuần; của nhà giáo giảng dạy trình độ sơ cấp là 04 tuần": asked of
    "sơ cấp", 04 tuần (an API probe had got 06, and "… 6 tuần phải không?" a "có")."""
    sentence = ("đ) Thời gian nghỉ hè hằng năm của nhà giáo giảng dạy chương trình giáo dục trung học nghề, giảng dạy "
                "trình độ trung cấp và giảng dạy trình độ cao đẳng là 06 tuần; của nhà giáo giảng dạy trình độ sơ cấp "
                "là 04 tuần, bao gồm cả nghỉ phép hằng năm;")
    assert find("Giáo viên dạy trình độ sơ cấp được nghỉ hè bao nhiêu tuần?", "number", [(sentence, 0)]).text == "04 tuần"
    assert find("Giáo viên dạy trình độ cao đẳng được nghỉ hè bao nhiêu tuần?", "number",
                [(sentence, 0)]).text == "06 tuần"


def test_the_doer_named_with_a_capital_before_a_noun_read_as_a_verb():
    """"hội nghị đó do ai tổ chức?": "Đảng ủy Khối … tổ chức Hội nghị …", not "tặng bằng khen" of
    "… tặng bằng khen tổ chức cơ sở Đảng …" (a noun), quoted first (a second staff pass)."""
    opening = ("Sáng ngày 14/01/2021, Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh tổ chức Hội nghị tổng kết công tác "
               "xây dựng Đảng năm 2020.")
    award = ("Với những kết quả đạt được, Đảng ủy Khối đã công nhận Đảng bộ Sở hoàn thành xuất sắc nhiệm vụ năm 2020; "
             "tặng bằng khen tổ chức cơ sở Đảng “trong sạch, vững mạnh” tiêu biểu năm 2020 cho Đảng bộ Sở.")
    found = find("hội nghị đó do ai tổ chức?", "person", [(award, 200), (opening, 0)])
    assert found.text == "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh"


def test_a_word_split_otherwise_is_joined_as_the_index_writes_it():
    from rag.text import known_words

    known = {"phó_bí_thư": 1.2, "bí_thư": 1.0, "bầu": 2.0, "chu_văn_an": 2.0}.get
    assert known_words(["ai", "bầu", "phó", "bí_thư"], lambda t: known(t) or 0.0) == ["ai", "bầu", "phó_bí_thư"]
    # Both unseen: a name spelt the question's own way keeps its weight as unseen.
    assert known_words(["chu_văn", "an"], lambda t: known(t) or 0.0) == ["chu_văn", "an"]


def test_an_act_named_is_done_by_whom_do_names():
    """"Ai đánh giá …?" over "b) Việc đánh giá … do người đứng đầu … thực hiện": the doer after
    "do", not "Việc" (an API probe got "Việc", as sure)."""
    sentence = ("b) Việc đánh giá nhà giáo dạy liên trường, liên cấp do người đứng đầu cơ sở giáo dục có thẩm quyền "
                "quản lý nhà giáo thực hiện trên cơ sở nhận xét của người đứng đầu cơ sở giáo dục nơi nhà giáo đến dạy.")
    found = find("Ai đánh giá giáo viên dạy liên trường?", "person", [(sentence, 0)])
    assert found.text == "người đứng đầu cơ sở giáo dục có thẩm quyền quản lý nhà giáo"


def test_a_timing_clause_answers_a_duty_not_an_event():
    """"Sau khi nghe báo cáo, …" in a news item is no answer to when a congress took place."""
    assert find("Đại hội Đảng bộ Sở GDĐT Trà Vinh diễn ra khi nào?", "date",
                [("Sau khi nghe báo cáo chính trị, đại hội thảo luận các văn kiện.", 0)]) is None


def test_a_pointer_to_another_clause_answers_which_clause():
    from rag.answer.span.finder import _says_something

    assert _says_something(None, "Điều 6", "Hành vi này bị cấm tại điều nào?")
    assert not _says_something("entity", "khoản 1 Điều này", "Nền tảng nào phải thành lập pháp nhân?")


def test_a_pointer_to_another_clause_is_no_answer():
    sentence = ("4. Chủ quản nền tảng thương mại điện tử trung gian quy định tại khoản 1 Điều này phải thành lập pháp "
                "nhân tại Việt Nam.")
    found = find("Nền tảng nước ngoài nào phải thành lập pháp nhân tại Việt Nam?", "entity", [(sentence, 0)])
    assert found is None or "khoản 1 Điều này" not in found.text


def test_months_setting_the_case_settle_nothing():
    from rag.answer.span.settle import settles

    # The common ending "… có phải không?" still asks about the amount (a cold read).
    assert settles("Thời gian tập sự là 12 tháng có phải không?", "Thời gian tập sự là 12 tháng.") == "có"
    assert settles("Thời gian tập sự là 6 tháng có phải không?", "Thời gian tập sự là 12 tháng.") == "không"
    clause = "Viên chức có thời gian làm việc trong năm chưa đủ 06 tháng không xếp loại chất lượng"
    assert settles("Viên chức làm việc chưa đủ 6 tháng có được xếp loại chất lượng không?", clause) is None
    assert settles("Dữ liệu phải được lưu trữ ít nhất 02 năm, phải không?",
                   "lưu trữ trong thời gian ít nhất 01 năm") == "không"


def test_when_a_duty_falls_is_the_act_it_is_timed_by(commerce_law):
    """"… vào lúc nào?" of a clause with no date: the act the duty comes before or upon (a
    legal4 dev question had no short answer)."""
    answer = commerce_law.ask("Khi cơ quan nhà nước có thẩm quyền yêu cầu, sàn trung gian phải tạm ngừng tài khoản "
                              "người bán vi phạm vào lúc nào?")
    assert answer.short_answer.text == "ngay khi nhận được yêu cầu của cơ quan nhà nước có thẩm quyền"
    assert answer.short_answer.kind == "condition"


def test_citing_the_article_answers_in_the_law_s_own_words(commerce_law):
    """Citizens' words ("sàn", "báo trước tối thiểu") are not the law's ("nền tảng", "thông báo …
    ít nhất"), and the question alone is too far from the text to answer; the article it cites
    is where the best passage lies, which is evidence enough (a legal4 dev question)."""
    asked = ("sàn trung gian muốn tạm khóa hoặc hạn chế tài khoản người bán vì lý do chính đáng thì phải báo trước "
             "tối thiểu mấy ngày?")
    answer = commerce_law.ask("Theo Điều 17, " + asked)
    assert answer.status == "answered" and "ít nhất 05 ngày trước khi tạm ngừng" in answer.text
    assert answer.short_answer.text == "ít nhất 05 ngày"


def test_when_a_law_takes_effect_is_asked_from_the_day_it_does(commerce_law):
    """"… có hiệu lực khi nào?" asks from when, as "từ ngày nào" does: the transitional clause's
    "đến hết ngày 30 tháng 6 năm 2027", in a sentence sharing more words, had answered."""
    answer = commerce_law.ask("Luật Thương mại điện tử có hiệu lực khi nào?")
    assert answer.short_answer.text == "01 tháng 7 năm 2026"


@pytest.mark.parametrize("sentence, question, short", [
    # A clause's number and a cited clause are where a text is, not a count.
    ("7. Lưu trữ dữ liệu trong thời gian ít nhất 01 năm theo khoản 1 Điều này.", "Dữ liệu phải được lưu trữ bao lâu?",
     "ít nhất 01 năm"),
    ("a) Nội dung livestream.\n7. Lưu trữ dữ liệu ít nhất 01 năm.", "Dữ liệu livestream được lưu trữ bao lâu?",
     "ít nhất 01 năm"),
])
def test_a_clause_number_is_no_count(sentence, question, short):
    from rag.answer.question import read

    assert find(question, read(question).kind, [(sentence, 0)], {}).text == short


@pytest.mark.parametrize("question, issuer", [
    ("Kết luận số 21-KL/TW là của cơ quan nào?", "Ban Chấp hành Trung ương Đảng"),
    ("Kết luận số 01-KL/TW do ai ban hành?", "Bộ Chính trị"),
    ("Cơ quan nào ban hành Kết luận số 01-KL/TW?", "Bộ Chính trị"),
    ("Kết luận số 21 của cơ quan nào?", "Ban Chấp hành Trung ương Đảng"),
    ("Nghị định 84 do ai ban hành?", "Chính phủ"),
    # Who decides what a decree provides is not who issued the decree.
    ("Theo Nghị định 84/2020/NĐ-CP, học phí do ai quyết định?", None),
])
def test_who_issued_a_document_is_asked_as_such(question, issuer):
    from rag.answer.span.names import issuer as issued_by

    sentences = [("Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng; Kết luận số 01-KL/TW "
                  "ngày 18/5/2021 của Bộ Chính trị; Nghị định số 84/2020/NĐ-CP ngày 17/7/2020 của Chính phủ.", 0)]
    found = issued_by(question, sentences)
    assert (found.text if found else None) == issuer


def test_a_refusal_names_no_place_as_what_is_counted(assistant):
    """"Tỷ lệ … của Đảng bộ Sở GDĐT Kon Tum là bao nhiêu?" had been refused "(số kon tum)"."""
    answer = assistant.ask("Tỷ lệ đảng viên nữ của Đảng bộ Sở GDĐT Kon Tum là bao nhiêu?")
    assert answer.abstained and "không nêu con số này." in answer.text and "kon tum" not in answer.text


def test_a_year_is_no_answer_to_how(assistant):
    """The chat's own example ("… hoàn thành xuất sắc nhiệm vụ năm 2020 như thế nào?") had been
    answered, bold, "2020"."""
    answer = assistant.ask("Đảng bộ Sở Giáo dục và Đào tạo hoàn thành xuất sắc nhiệm vụ năm 2020 như thế nào?")
    assert answer.status == "answered" and (answer.short_answer is None or answer.short_answer.text != "2020")


def test_the_date_asked_from_is_not_the_one_a_transition_runs_to(commerce_law):
    """"… có hiệu lực từ ngày nào?": the law's transitional article also says "Luật này có hiệu
    lực thi hành" and has a date, the one it runs to ("đến hết ngày 30 tháng 6 năm 2027"); the
    word before the question word picks the date after "từ" (a legal4 dev question)."""
    answer = commerce_law.ask("Luật Thương mại điện tử mới bắt đầu có hiệu lực từ ngày nào?")
    assert "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026" in answer.text
    assert answer.short_answer.text == "01 tháng 7 năm 2026"


@pytest.mark.parametrize("question, sentence, short", [
    ("Được hoạt động đến ngày nào?", "Có hiệu lực từ ngày 01/7/2026 và được hoạt động đến hết ngày 30/6/2027.",
     "30/6/2027"),
    ("Có hiệu lực từ ngày nào?", "Có hiệu lực từ ngày 01/7/2026 và được hoạt động đến hết ngày 30/6/2027.",
     "01/7/2026"),
    ("Trước ngày nào phải nộp hồ sơ?", "Sau ngày 01/3/2026, hồ sơ được nộp trước ngày 15/3/2026.", "15/3/2026"),
    ("Chính sách áp dụng từ khi nào?", "Chính sách kéo dài đến năm 2030, bắt đầu từ năm 2021.", "năm 2021"),
    # A statute dated by its signing writes no date, yet says when it takes effect.
    ("Thông tư có hiệu lực từ ngày nào?", "Thông tư này có hiệu lực thi hành kể từ ngày ký ban hành.",
     "ngày ký ban hành"),
])
def test_a_date_follows_the_word_that_bounds_it_in_the_question(question, sentence, short):
    from rag.answer.question import read
    from rag.answer.span import dated_as_asked, find

    assert find(question, read(question).kind, [(sentence, 0)], {}).text.endswith(short)
    assert dated_as_asked(sentence, question) and not dated_as_asked(sentence, "Ngày nào?")


_DECREE = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/2026/NĐ-CP
Hà Nội, ngày 05 tháng 4 năm 2026
NGHỊ ĐỊNH
Quy định về học bổng khuyến khích học tập
Căn cứ Luật Giáo dục số 43/2019/QH14;
Điều 1. Mức học bổng
1. Học bổng khuyến khích học tập được cấp cho tối thiểu 10% số học sinh chuyên của mỗi trường chuyên.
2. Mức học bổng bằng 1,5 lần học phí hằng tháng của học sinh.
Điều 2. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 6 năm 2026.
2. Nghị định này thay thế Nghị định số 84/2020/NĐ-CP ngày 17 tháng 7 năm 2020 của Chính phủ.
"""


@pytest.mark.parametrize("question, status, said", [
    # The decree it replaced is only cited: what that one provided is not in the index.
    ("Theo Nghị định 84/2020/NĐ-CP trước đây, học bổng khuyến khích học tập được cấp cho tối thiểu bao nhiêu "
     "phần trăm số học sinh chuyên?", "out_of_scope", "Nghị định 84/2020"),
    ("Theo Nghị định số 31/2026, học bổng khuyến khích học tập được cấp cho tối thiểu bao nhiêu phần trăm số "
     "học sinh chuyên?", "answered", "10%"),
    ("Nghị định 31/2026/NĐ-CP thay thế nghị định nào?", "answered", "84/2020/NĐ-CP"),
    # Named by its number alone, as staff say it; asked when it "applies", i.e. takes effect: the
    # day it does, not the issue day of the decree it replaces, quoted beside it.
    ("Nghị định 31 bắt đầu áp dụng từ ngày nào?", "answered", "01 tháng 6 năm 2026"),
    ("Theo Nghị định 84, học bổng khuyến khích học tập được cấp cho tối thiểu bao nhiêu phần trăm số học sinh "
     "chuyên?", "out_of_scope", "Nghị định 84"),
    # When it was issued is its header's date, not a date in its clauses (a statute probe got a deadline).
    ("Nghị định 31/2026 được ban hành ngày nào?", "answered", "được ban hành ngày 05/04/2026"),
    # A law named by its name is not this decree, which only cites it in its recitals.
    ("Theo Luật Giáo dục, học bổng khuyến khích học tập được cấp cho tối thiểu bao nhiêu phần trăm số "
     "học sinh chuyên?", "out_of_scope", "về Luật Giáo dục"),
    # A name with a comma is read, and named, whole.
    ("Theo Luật Phòng, chống tham nhũng, học bổng khuyến khích học tập được cấp cho tối thiểu bao nhiêu phần "
     "trăm số học sinh chuyên của mỗi trường chuyên?", "out_of_scope", "về Luật Phòng, chống tham nhũng"),
])
def test_a_statute_answers_for_itself_not_for_those_it_cites(base_settings, embedder, tmp_path, question, status, said):
    """A statute is named by its number: asked what another one provides, it does not answer
    from its transitional provisions (which name that one), and says which it is not."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    folder = tmp_path / "statutes"
    folder.mkdir()
    (folder / "nghi-dinh-31-2026.txt").write_text(_DECREE, encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": tmp_path / "index"})
    ingest_folder(folder, s, embedder)
    answer = Assistant(s, embedder).ask(question)
    assert answer.status == status and said in answer.text
    if status == "answered":
        assert answer.citations[0].title == "NGHỊ ĐỊNH số 31/2026/NĐ-CP Quy định về học bổng khuyến khích học tập"


@pytest.mark.parametrize("question", [
    "Có bao nhiêu đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn?",
    "Ai thực hiện bài viết về Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021?",
    "Hội nghị tổng kết công tác xây dựng Đảng năm 2021 của Đảng ủy Khối diễn ra ngày nào?",
])
def test_an_article_removed_between_search_and_answer_is_read_from_its_chunks(assistant, question):
    """On PostgreSQL a delete shows at once: the store may no longer hold an article its
    chunks were just found in. The answer reads the retrieved chunks instead of failing."""
    from rag.answer.answerer import AnswerPolicy, Answerer

    retrieval, expected = assistant.ask_verbose(question)
    index = assistant.refresh()
    gone = Answerer(index.lexical.idf, AnswerPolicy(), assistant.embedder.dimension, article=lambda _id: None)
    answer = gone.answer(retrieval, index.sources)
    for cited in answer.citations:
        assert cited.quote and cited.quote in cited.passage
    if expected.short_answer and expected.short_answer.kind == "number":
        assert answer.short_answer.text == expected.short_answer.text
    if "Ai thực hiện" in question:  # the by-line was in the article, which is gone
        assert answer.status == "not_found" and answer.citations == []


@pytest.mark.parametrize("question, quote, refused", [
    # Another post than the asked one, or the deputy for the post itself.
    ("Nhiệm kỳ của trưởng khoa trong trường trung học nghề là mấy năm?", "Nhiệm kỳ của phó hiệu trưởng là 05 năm.", True),
    ("Nhiệm kỳ của hiệu trưởng trường THPT là mấy năm?", "Nhiệm kỳ của phó hiệu trưởng là 05 năm.", True),
    ("Nhiệm kỳ của hiệu trưởng là mấy năm?", "Nhiệm kỳ của hiệu trưởng là 05 năm.", False),
    ("Nhiệm kỳ của phó hiệu trưởng là mấy năm?", "Nhiệm kỳ của phó hiệu trưởng là 05 năm.", False),
    # No post asked about, or none quoted: nothing to compare.
    ("Học sinh được nghỉ mấy ngày?", "Hiệu trưởng quyết định lịch nghỉ.", False),
    ("Hiệu trưởng được nghỉ mấy ngày?", "Mỗi năm được nghỉ 12 ngày.", False),
    # A post named in passing, not the one whose attribute is asked: another post may answer.
    ("Hiệu trưởng trường THPT công lập do ai bổ nhiệm?", "Giám đốc Sở quyết định bổ nhiệm.", False),
    ("Hội nghị do Giám đốc Sở chủ trì có bao nhiêu đại biểu?", "Có 200 đại biểu; Phó Bí thư phát biểu.", False),
])
def test_a_quote_about_another_post_is_no_answer(question, quote, refused):
    assert bool(support.other_post(question, quote)) is refused


@pytest.mark.parametrize("question, quote, expected", [
    # "năm học" is a school year, not five of anything; "trở lên" counts nothing.
    ("Mỗi lớp có tối đa bao nhiêu học sinh?", "Lớp trưởng được bầu vào đầu mỗi năm học mới.", None),
    # "ba" before the first syllable of the counted word is enough: "ba trường" for "trường học".
    ("Có bao nhiêu trường học?", "Năm nay có ba trường đạt chuẩn.", "ba trường"),
    # A bound is part of the number: "ít nhất 06 tháng" is not "06 tháng".
    ("Học sinh cần điểm môn chuyên từ bao nhiêu trở lên?", "Học sinh có điểm từ 8,5 trở lên được xét học bổng.",
     "từ 8,5 trở lên"),
    ("Phải báo trước bao nhiêu tháng?", "Quyết định được gửi trước thời điểm nghỉ hưu ít nhất 06 tháng.", "ít nhất 06 tháng"),
    ("Bảo tàng có bao nhiêu tác phẩm?", "Bộ sưu tập có hơn 70.000 tác phẩm nghệ thuật.", "hơn 70.000 tác phẩm"),
    ("Đồng hồ còn bao nhiêu thời gian?", "Carolina có bóng khi đồng hồ còn 4:51 trong hiệp bốn.", "4:51"),
    ("Trường có bao nhiêu học sinh?", "Năm học này trường có năm học sinh đạt giải.", "năm học sinh"),
])
def test_what_is_counted_is_read_whole(question, quote, expected):
    found = find(question, "number", [(quote, 0)])
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("question, short, refused", [
    ("Mức lương cơ sở hiện nay là bao nhiêu đồng một tháng?", "80%", True),
    # A share of a sum is asked: the percentage is the answer.
    ("Học bổng bằng bao nhiêu phần trăm mức lương cơ sở?", "80%", False),
    ("Học bổng chiếm bao nhiêu mức lương cơ sở?", "80%", False),
])
def test_a_sum_of_money_is_not_answered_by_a_share(question, short, refused):
    quote = f"Học sinh được hưởng học bổng bằng {short} mức lương cơ sở/tháng."
    at = quote.index(short)
    answer = ShortAnswer(short, at, at + len(short), "number")
    reason = support.unsupported(question, answer, quote, 0)
    assert reason == "Các bài viết không nêu số tiền này." if refused else reason is None


@pytest.mark.parametrize("question, quote, expected", [
    # In a statute "khi nào" is often a condition: with no date in the quote, the "khi …" clause.
    ("Quyết nghị của Hội đồng trường chỉ có giá trị khi nào?",
     "Quyết nghị về nhân sự chỉ có giá trị khi có sự đồng thuận của các nhà đầu tư đại diện ít nhất 75% tổng số vốn góp.",
     "khi có sự đồng thuận của các nhà đầu tư đại diện ít nhất 75% tổng số vốn góp"),
    # A date, when the quote has one, is still the answer.
    ("Hội nghị diễn ra khi nào?", "Hội nghị diễn ra ngày 21/5/2020 khi các chi bộ đã họp xong.", "21/5/2020"),
    # A year is answered as the sentence writes it, with its "năm".
    ("Tesla hợp tác với Lane khi nào?", "Năm 1886, Tesla hợp tác với Robert Lane.", "Năm 1886"),
    ("Chợ mở cửa khi nào?", "Chợ trong nhà mở cửa vào năm 1835 tại trung tâm.", "năm 1835"),
    ("Chợ mở cửa khi nào?", "Chợ trong nhà mở cửa vào 1835 tại trung tâm.", "1835"),
    ("Khuôn viên bắt đầu hiện đại hơn khi nào?", "Khuôn viên trở nên hiện đại hơn vào những năm 1940.", "những năm 1940"),
])
def test_when_is_a_date_or_else_a_condition(question, quote, expected):
    assert find(question, "date", [(quote, 0)]).text == expected


@pytest.mark.parametrize("question, quote, expected", [
    ("Người dùng phải đồng ý với điều kiện hoạt động vào thời điểm nào?",
     "Nền tảng phải có cơ chế để người sử dụng thể hiện sự đồng ý trước khi mở tài khoản trên nền tảng.",
     "trước khi mở tài khoản trên nền tảng"),
    # A day asked for is a day or nothing.
    ("Người dùng phải đồng ý vào ngày nào?", "Người dùng đồng ý trước khi mở tài khoản trên nền tảng.", None),
])
def test_when_a_duty_falls_is_the_act_it_is_timed_by_without_a_date(question, quote, expected):
    found = find(question, "date", [(quote, 0)])
    assert (found.text if found else None) == expected



@pytest.mark.parametrize("question, quote, expected", [
    # The day a cited document was issued is not when the event happened ...
    ("Cuộc họp chi bộ diễn ra hôm nào?",
     "Chi ủy ghi biên bản các cuộc họp theo đúng Hướng dẫn số 08-HD/BTCTU, ngày 07-8-2018 của BTC Tỉnh ủy.", None),
    ("Hội nghị diễn ra ngày nào?",
     "Hội nghị triển khai Nghị định số 115/2020/NĐ-CP ngày 25 tháng 9 năm 2020 của Chính phủ.", None),
    # ... unless the document is what is asked about.
    ("Hướng dẫn số 08-HD/BTCTU được ban hành ngày nào?",
     "Chi ủy ghi biên bản các cuộc họp theo đúng Hướng dẫn số 08-HD/BTCTU, ngày 07-8-2018 của BTC Tỉnh ủy.",
     "07-8-2018"),
    # A question that names its year asks for more than another bare year ...
    ("Hội nghị cán bộ, công chức năm 2021 diễn ra bao giờ?",
     "Hội nghị thông qua báo cáo kết quả thực hiện Nghị quyết năm 2020 của Sở.", None),
    # ... but a day, or a year asked for, is still the answer.
    ("Hội nghị cán bộ, công chức năm 2021 diễn ra bao giờ?",
     "Ngày 25/01/2021, Sở tổ chức Hội nghị cán bộ, công chức năm 2021.", "25/01/2021"),
    ("Sau năm 1990, nhà máy đóng cửa năm nào?", "Nhà máy đóng cửa năm 1995.", "năm 1995"),
    # The year of what a meeting reviews, or of a programme's name, is no event year.
    ("Hội nghị tổng kết công tác năm 2020 diễn ra khi nào?", "Hội nghị được tổ chức vào đầu năm 2021 tại Sở.",
     "năm 2021"),
    ("Chương trình GDPT 2018 được áp dụng cho lớp 1 từ khi nào?", "Chương trình được áp dụng cho lớp 1 từ năm 2020.",
     "năm 2020"),
    # A room's or class's code is no document's.
    ("Hội nghị diễn ra ngày nào?", "Hội nghị diễn ra tại Hội trường A2-ĐHSP, ngày 13/3/2021.", "13/3/2021"),
    ("Lễ khai giảng diễn ra ngày nào?", "Lớp 12A1-THPT, ngày 5/9/2020 tổ chức lễ khai giảng.", "5/9/2020"),
    # "lần 1/2020" numbers a report within the year; the day is the answer.
    ("Hội nghị sơ kết diễn ra khi nào?",
     "Sáng ngày 03-7-2020, Đảng ủy Sở tổ chức Hội nghị sơ kết và báo cáo chuyên đề lần 1/2020.", "03-7-2020"),
    ("Hội nghị sơ kết diễn ra khi nào?", "Đảng ủy Sở triển khai báo cáo chuyên đề lần 1/2020.", None),
])
def test_a_date_that_cannot_be_the_events_is_not_its_answer(question, quote, expected):
    found = find(question, "date", [(quote, 0)])
    assert (found.text if found else None) == expected


def test_a_money_question_is_answered_when_the_quote_states_a_sum():
    quote = "Theo kế hoạch 10 năm, DuMont nhận 5 triệu đô la."
    at = quote.index("10 năm")
    short = ShortAnswer("10 năm", at, at + len("10 năm"), "number")
    assert support.unsupported("DuMont sẽ nhận được bao nhiêu tiền theo kế hoạch?", short, quote, 0) is None
    # "1.800.000đ" is a sum too.
    quote = "Trong 6 tháng, mỗi học sinh đóng 1.800.000đ."
    at = quote.index("6 tháng")
    short = ShortAnswer("6 tháng", at, at + len("6 tháng"), "number")
    assert support.unsupported("Học phí là bao nhiêu?", short, quote, 0) is None


@pytest.mark.parametrize("sentence", [
    "Đại hội đại biểu Đảng bộ Khối lần thứ VII nhiệm kỳ 2020 – 2025 đã thành công tốt đẹp.",
    "Đồng chí Trần Quốc Tuấn, Bí thư Đảng ủy Sở nhiệm kỳ 2015-2020, phát biểu khai mạc.",
])
def test_the_years_of_a_term_are_no_count(sentence):
    """"Bao nhiêu đại biểu …?" is not answered "2020" from "nhiệm kỳ 2020 – 2025"."""
    assert find("Bao nhiêu đại biểu về dự Đại hội?", "number", [(sentence, 0)]) is None


def test_a_body_s_initials_are_no_person_when_a_name_is_quoted():
    """Asked who, "BCH Đảng" (nearer the question's words) loses to the name in the other sentence."""
    named = ("Đến tham dự và chủ trì Hội nghị có bà Nguyễn Thị Tuyết Hà, Tỉnh ủy viên, Bí thư Đảng ủy, "
             "Giám đốc Sở GDĐT, cùng toàn thể các đồng chí trong BCH.")
    scene = ("Căn cứ vào chương trình làm việc BCH Đảng bộ Sở GDĐT tỉnh Sóc Trăng năm 2020, sáng ngày 03-7-2020, "
             "tại Hội trường Sở GDĐT, Đảng ủy Sở long trọng tổ chức Hội nghị.")
    found = find("Năm 2020, Giám đốc Sở GDĐT Sóc Trăng là ai?", "person", [(named, 0), (scene, 500)])
    assert found.text == "Nguyễn Thị Tuyết Hà"


def test_a_named_person_with_no_post_written_is_not_answered_with_another_sentence(assistant):
    """The by-line names Lương Thị Bích Ngà and no post: nothing else is quoted as who she is."""
    answer = assistant.ask("Lương Thị Bích Ngà là ai?")
    assert answer.abstained and not answer.citations
    from rag.answer.span import post_asked
    # Someone else's post asked beside a named person; what someone did ("làm gì"): no post question.
    assert post_asked("Cấp phó của bà Nguyễn Thị Tuyết Hà tại Sở GDĐT Sóc Trăng là ai?") == []
    assert post_asked("Chủ tịch Quốc hội ký Luật Thương mại điện tử là ai?") == []
    assert post_asked("Đồng chí Bùi Thái Trọng làm gì tại buổi làm việc?") == []
    assert post_asked("Đồng chí Bùi Thái Trọng làm chức vụ gì?") == ["Bùi Thái Trọng"]


@pytest.mark.parametrize("sentence, post", [
    ("Cô Nguyễn Văn Hùng – Tỉnh ủy viên, Giám đốc Sở GDĐT đã ghi nhận những nỗ lực.", "Tỉnh ủy viên, Giám đốc Sở GDĐT"),
    # The post ends where the sentence goes on, whatever the verb.
    ("Đồng chí Nguyễn Văn Hùng - Phó Bí thư Đảng ủy Khối Các cơ quan tỉnh tặng hoa chúc mừng.",
     "Phó Bí thư Đảng ủy Khối Các cơ quan tỉnh"),
    ("Ông Nguyễn Văn Hùng, Giám đốc Sở Y tế, Trà Vinh và Sóc Trăng cùng dự.", "Giám đốc Sở Y tế"),
    # In a list of names, the post after the last one is that person's, not the first's.
    ("Tới dự có các đồng chí Nguyễn Văn Hùng, Trần Văn Bình, Lê Văn Cường – Phó Bí thư Tỉnh ủy.", None),
    # Not inside a longer name.
    ("Ông Trần Nguyễn Văn Hùng, Giám đốc Sở Y tế.", None),
])
def test_the_post_beside_a_name_is_read_to_its_end(sentence, post):
    from rag.answer.span import post_held
    found = post_held("Nguyễn Văn Hùng là ai?", [(sentence, 0)])
    assert (found.text if found else None) == post


def test_a_rate_is_no_number():
    """"tỷ lệ" (a rate) is not "tỷ" (a billion), "phần trăm" not a hundred."""
    assert find("Có bao nhiêu đảng viên nữ?", "number", [("Tỷ lệ đảng viên nữ tăng so với năm trước.", 0)]) is None


@pytest.mark.parametrize("question, quote, name, refused", [
    # One tone placement ("uỷ"/"ủy"), an acronym and its words, a word between post and body.
    ("Ai là Bí thư Đảng ủy Sở?", "Đồng chí Nguyễn Văn A, Bí thư Đảng uỷ Sở phát biểu.", "Nguyễn Văn A", False),
    ("Ai là Chủ tịch UBND tỉnh?", "Ông Nguyễn Văn B, Chủ tịch Ủy ban nhân dân tỉnh dự.", "Nguyễn Văn B", False),
    ("Hiệu trưởng Trường THPT X là ai?", "Thầy Lê Văn C, Hiệu trưởng nhà trường cho biết.", "Lê Văn C", False),
    ("Ai là Bí thư Đảng ủy Sở?", "Đồng chí Nguyễn Văn A, Phó Bí thư Đảng ủy Sở phát biểu.", "Nguyễn Văn A", True),
])
def test_a_post_is_read_in_its_spellings(question, quote, name, refused):
    at = quote.index(name)
    short = ShortAnswer(name, at, at + len(name), "person")
    assert bool(support.unsupported(question, short, quote, 0)) is refused


def test_a_who_question_naming_no_post_is_not_a_post_question():
    assert support.asked_post("Ai giữ chức?") is None and support.asked_post("Ai được bầu giữ chức?") is None


@pytest.mark.parametrize("question, sentence, expected", [
    ("Học sinh có được nghỉ hay không?", "Học sinh được nghỉ.", None),  # yes or no: not a choice
    ("Học theo hình thức trực tiếp hay trực tuyến?", "Lớp học trực tuyến từ tuần sau.", "trực tuyến"),
])
def test_alternative_questions_read_whole_options(question, sentence, expected):
    from rag.answer.span.phrases import _choice

    found = _choice(question, [(sentence, 0)])
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("question, sentence, expected", [
    # A comma joining a short last item to the sentence's end is inside the object asked (a
    # staff user had been answered "thu").
    ("Hội nghị công khai công tác gì?", "Hội nghị đánh giá kết quả năm 2020, công khai công tác thu, chi tài chính đảng.",
     "thu, chi tài chính đảng"),
    # A longer clause after the comma is another statement.
    ("Hội nghị đánh giá gì?", "Hội nghị đánh giá kết quả năm 2020, đồng thời đề ra phương hướng nhiệm vụ của năm 2021.",
     "kết quả năm 2020"),
])
def test_an_object_at_the_question_end_takes_in_a_short_last_item(question, sentence, expected):
    found = find(question, None, [(sentence, 0)])
    assert (found.text if found else None) == expected


def test_a_plain_when_question_gets_no_condition():
    """"Đại hội diễn ra khi nào?" asks a date: a "khi …" clause is not one."""
    assert find("Đại hội diễn ra khi nào?", "date", [("Đại hội diễn ra khi các đại biểu đã thống nhất.", 0)]) is None


@pytest.mark.parametrize("question, bodies", [
    ("Sở Lao động-Thương binh và Xã hội Kon Tum họp ngày nào?", ["Sở Lao động-Thương binh và Xã hội"]),
    ("Các cơ sở y tế ở Kon Tum có bao nhiêu?", []),  # a health facility, not the department
])
def test_departments_named_in_a_question(question, bodies):
    from rag.answer.question import read

    assert read(question).bodies == bodies


def test_a_school_year_is_not_the_year_of_the_day():
    from rag.answer.question import read
    from rag.answer.scope import dated_otherwise

    assert dated_otherwise(read("Năm 2022-2023, học kỳ II kết thúc vào ngày nào?"), "20/5/2023") is None
    assert dated_otherwise(read("Năm 2022, học kỳ II kết thúc vào ngày nào?"), "20/5/2023") is not None


@pytest.mark.parametrize("question, day, refused", [
    # The year of the event asked about, anywhere in the question ...
    ("Buổi làm việc giữa Ban Thường vụ và Đảng bộ Sở năm 2022 diễn ra bao giờ?", "08/5/2023", True),
    ("Buổi làm việc giữa Ban Thường vụ và Đảng bộ Sở năm 2023 diễn ra bao giờ?", "08/5/2023", False),
    # ... not the year of what a meeting reviews, nor a year a "which year" question compares with.
    ("Hội nghị tổng kết công tác xây dựng Đảng năm 2020 diễn ra ngày nào?", "14/01/2021", False),
    ("Amazon trải qua đợt hạn hán cực đoan hơn năm 2005 vào năm nào?", "năm 2010", False),
    # Nor a law's year, nor the year a ceremony honours.
    ("Luật Giáo dục năm 2019 có hiệu lực từ ngày nào?", "01/7/2020", False),
    ("Lễ tuyên dương học sinh giỏi quốc gia năm 2020 diễn ra ngày nào?", "10/01/2021", False),
    ("Đoàn công tác của Đảng ủy Khối làm việc với Đảng bộ Sở năm 2022 vào ngày nào?", "08/5/2023", True),
])
def test_a_day_of_another_year_does_not_answer_for_the_year_asked(question, day, refused):
    from rag.answer.question import read
    from rag.answer.scope import dated_otherwise

    assert (dated_otherwise(read(question), day) is not None) is refused


def test_a_question_word_pyvi_joined_past_the_index_is_weighed_by_its_parts(assistant):
    """pyvi reads "trực tiếp quản lý" as one word in a short question and as two in the
    articles: unsplit, it matched nothing and, unseen, weighed as the rarest name."""
    from rag.text import known_words

    retrieval, _ = assistant.ask_verbose("Cơ quan nào trực tiếp quản lý Sở GDĐT Trà Vinh?")
    assert "trực_tiếp_quản_lý" not in retrieval.terms
    assert {"trực_tiếp", "quản_lý"} <= set(retrieval.terms)
    seen = {"trực_tiếp": 2.0, "quản_lý": 1.0, "quản": 3.0, "tỷ": 1.0, "giá": 1.0, "thành": 1.0, "cát": 1.0,
            "tư": 1.0, "hãn": 1.0}.get
    question = "Thành Cát Tư Hãn trực tiếp quản lý tỷ giá ra sao?"
    terms = ["thành_cát_tư_hãn", "trực_tiếp_quản_lý", "tỷ_giá", "xyz_quản_lý"]
    # A name, a two-syllable word and a word with an unseen syllable stay whole.
    assert known_words(terms, lambda t: seen(t, 0.0), question) == [
        "thành_cát_tư_hãn", "trực_tiếp", "quản_lý", "tỷ_giá", "xyz_quản_lý"]


_REPLACES = "nghị định này thay thế nghị định số 84/2020/nđ-cp"


@pytest.mark.parametrize("statute, title, text, question, stated", [
    ("Nghị định 84/2020", "NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định chi tiết …", _REPLACES, "Theo Nghị định 84/2020, …?", False),
    # …unless asked what replaced it.
    ("Nghị định 84/2020", "NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định chi tiết …", _REPLACES,
     "Nghị định 84/2020 được thay thế bởi nghị định nào?", True),
    ("Nghị định 66/2026", "NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định chi tiết …", "", "", True),
    ("Luật 41/2024", "LUẬT BẢO HIỂM XÃ HỘI", "", "", True),  # printed without its number: it may be the one
    ("Luật 41/2024", "QUYẾT ĐỊNH Về việc ban hành quy chế", "", "", False),  # another type is not
    ("Nghị quyết 05/2020", "Hội nghị triển khai Nghị quyết", "quán triệt nghị quyết số 05/2020 của tỉnh ủy", "", True),
    ("Nghị quyết 07/2021", "Hội nghị triển khai Nghị quyết", "quán triệt nghị quyết số 05/2020 của tỉnh ủy", "", False),
    ("Nghị quyết 84/2020", "Tin", "nghị quyết số 184/2020", "", False),  # 184/2020 is not 84/2020
    # A news headline citing two decrees is not one of them.
    ("Nghị định 116/2020", "Nghị định 60/2025 sửa đổi Nghị định 116/2020: những điểm mới", "… 116/2020 …", "", True),
    # What the cited decree itself amended is in that decree, not in the one citing it.
    ("Nghị định 48/2023", "NGHỊ ĐỊNH số 233/2026/NĐ-CP Quy định …", "đã được sửa đổi bởi nghị định số 48/2023/nđ-cp",
     "Nghị định 48/2023/NĐ-CP đã sửa đổi những điểm gì?", False),
])
def test_which_evidence_states_a_statute(statute, title, text, question, stated):
    from rag.answer.scope import _statute_in

    assert _statute_in(statute, title, text, question) is stated


def test_a_person_is_read_from_the_quoted_sentence_that_answers_not_the_first_naming_one():
    from rag.answer.span import find

    sentences = [("Đội hình có tiền vệ kỳ cựu Trần Văn An, người từng dự giải quốc gia năm lần.", 0),
                 ("Mặc dù nhiều cầu thủ lao vào tranh bóng, Nguyễn Văn Bình đã không làm thế và bị chỉ trích nặng nề.", 80)]
    short = find("Cầu thủ nào bị chỉ trích vì không lao vào tranh bóng?", "person", sentences)
    assert short.text == "Nguyễn Văn Bình" and short.start == 80 + sentences[1][0].index("Nguyễn")


_SOCIAL_INSURANCE = ("điều 141. hiệu lực thi hành 1. luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025. "
                     "luật bảo hiểm xã hội số 58/2014/qh13 hết hiệu lực kể từ ngày luật này có hiệu lực thi hành. "
                     "luật này được quốc hội thông qua ngày 29 tháng 6 năm 2024.")
_DETAILS = "NGHỊ ĐỊNH số 66/2026/NĐ-CP Quy định chi tiết một số điều của Luật Giáo dục"


@pytest.mark.parametrize("question, title, text, stated", [
    ("Theo Luật Việc làm, trợ cấp thất nghiệp tối đa mấy tháng?", "LUẬT BẢO HIỂM XÃ HỘI", _SOCIAL_INSURANCE, False),
    ("Theo Luật Bảo hiểm y tế, người thứ hai đóng bao nhiêu?", "LUẬT BẢO HIỂM XÃ HỘI", _SOCIAL_INSURANCE, False),
    ("Luật Bảo hiểm xã hội quy định tuổi nghỉ hưu là bao nhiêu?", "LUẬT BẢO HIỂM XÃ HỘI", _SOCIAL_INSURANCE, True),
    # Another year's law of the same name is the one this law replaced, not this one.
    ("Theo Luật Bảo hiểm xã hội năm 2014, nghỉ thai sản mấy tháng?", "LUẬT BẢO HIỂM XÃ HỘI", _SOCIAL_INSURANCE, False),
    ("Theo Luật Bảo hiểm xã hội 2024, nghỉ thai sản mấy tháng?", "LUẬT BẢO HIỂM XÃ HỘI", _SOCIAL_INSURANCE, True),
    # A decree detailing a law speaks for it, in the version it cites.
    ("Theo Luật Giáo dục, học bổng chính sách bằng bao nhiêu?", _DETAILS, "căn cứ luật giáo dục ngày 14 tháng 6 năm 2019;",
     True),
    ("Theo Luật Giáo dục năm 2005, học bổng chính sách bằng bao nhiêu?", _DETAILS,
     "căn cứ luật giáo dục ngày 14 tháng 6 năm 2019;", False),
    # A name the question closes ("…, ") is whole: the Law on Higher Education is another law…
    ("Theo Luật Giáo dục đại học, giảng viên cần tiêu chuẩn gì?", _DETAILS, "căn cứ luật giáo dục;", False),
    ("Theo Luật Giáo dục Đại học, giảng viên cần tiêu chuẩn gì?", _DETAILS, "căn cứ luật giáo dục;", False),
    ("Luật Giáo dục 2019 quy định ai được miễn học phí?", _DETAILS, "căn cứ luật nhà giáo 2025;", True),
    ("Luật Giáo dục 2019 quy định ai được miễn học phí?", "NGHỊ ĐỊNH số 31/2026/NĐ-CP Quy định về học bổng",
     "căn cứ luật giáo dục ngày 14 tháng 6 năm 2019;", False),  # read as the source: recitals do not say it
    # The evidence's date, written after a title ending in the law's name, is no year of the law.
    ("Theo Luật Giáo dục năm 2019, học bổng chính sách bằng bao nhiêu?", _DETAILS,
     "nghị định số 66/2026/nđ-cp quy định chi tiết một số điều của luật giáo dục 2026-03-02 căn cứ luật giáo dục;", True),
    # Names with commas, and a statute detailing two laws.
    ("Theo Luật Phòng, chống tham nhũng, cán bộ kê khai tài sản khi nào?", "LUẬT PHÒNG, CHỐNG THAM NHŨNG", "", True),
    ("Theo Luật Phòng, chống ma túy, ai phải cai nghiện bắt buộc?", "LUẬT PHÒNG, CHỐNG THAM NHŨNG", "", False),
    # Named word by word, whatever the punctuation between the words.
    ("Theo Luật Phòng, chống tham nhũng, ai phải kê khai?", "Tập huấn pháp luật", "triển khai luật phòng chống tham "
     "nhũng năm 2018", True),
    ("Theo Luật Viên chức, hợp đồng làm việc có mấy loại?",
     "NGHỊ ĐỊNH số 115/2020/NĐ-CP Quy định chi tiết Luật Cán bộ, công chức và Luật Viên chức", "", True),
    # The law it replaced is named in its text: asked what became of that one, it answers.
    ("Luật Bảo hiểm xã hội năm 2014 hết hiệu lực khi nào?", "LUẬT BẢO HIỂM XÃ HỘI", _SOCIAL_INSURANCE, True),
    # …while an unclosed one may run on into the sentence.
    ("Theo Luật Bảo hiểm xã hội người lao động được hưởng những chế độ nào?", "LUẬT BẢO HIỂM XÃ HỘI",
     _SOCIAL_INSURANCE, True),
    # A statute that only cites the law in its recitals does not say what the law provides…
    ("Theo Luật Nhà giáo, giáo viên được nghỉ hè bao nhiêu tuần?", "THÔNG TƯ số 46/2026/TT-BGDĐT Ban hành Điều lệ",
     "căn cứ luật nhà giáo ngày 16 tháng 6 năm 2025;", False),
    # …but does answer what of the law it cites; and news need only mention the law.
    ("Nhà giáo có quyền theo những điều nào của Luật Nhà giáo?", "THÔNG TƯ số 46/2026/TT-BGDĐT Ban hành Điều lệ",
     "theo quy định tại điều 8 và điều 9 luật nhà giáo", True),
    ("Theo Luật Nhà giáo, giáo viên được nghỉ hè bao nhiêu tuần?", "Tập huấn triển khai Luật Nhà giáo",
     "hội nghị triển khai luật nhà giáo", True),
])
def test_which_evidence_states_a_law_named_by_its_name(question, title, text, stated):
    """A law named by its name, not its number ("Theo Luật Việc làm, …"), must be the evidence."""
    from rag.answer.question import read
    from rag.answer.scope import _law_in

    laws = read(question).laws
    assert len(laws) == 1
    assert _law_in(laws[0], title, None, text, question) is stated


@pytest.mark.parametrize("question, laws", [
    ("Theo Luật Việc làm, người mất việc được trợ cấp mấy tháng?", ["Luật Việc làm"]),
    ("Luật Người cao tuổi quy định giảm giá vé bao nhiêu phần trăm?", ["Luật Người cao tuổi"]),
    ("Theo Bộ luật Lao động 2019, tuổi nghỉ hưu là bao nhiêu?", ["Bộ luật Lao động năm 2019"]),
    ("Theo quy định của Luật Giáo dục năm 2005 thì học bổng là bao nhiêu?", ["Luật Giáo dục năm 2005"]),
    ("Luật này có hiệu lực từ ngày nào?", []),  # not a name
    ("Văn bản pháp luật nào quy định chi tiết Luật Nhà giáo?", ["Luật Nhà giáo"]),
    ("Theo Luật Giáo dục Đại học, giảng viên cần gì?", ["Luật Giáo dục Đại học"]),
    ("Theo Luật Giáo dục số 43/2019/QH14, học bổng là bao nhiêu?", ["Luật Giáo dục"]),
    ("Pháp lệnh Dân số quy định gì?", ["Pháp lệnh Dân số"]),
    # Names that join two things: read past the joint, which otherwise ends a name.
    ("Theo Luật Phòng, chống tham nhũng, ai phải kê khai tài sản?", ["Luật Phòng, chống tham nhũng"]),
    ("Luật Cán bộ, công chức 2008 quy định gì?", ["Luật Cán bộ, công chức năm 2008"]),
    ("Theo Luật Phí và lệ phí thì ai được miễn?", ["Luật Phí và lệ phí"]),
    ("Theo Luật Giáo dục, giáo viên phải làm gì?", ["Luật Giáo dục"]),
    ("Luật Giáo dục và Luật Nhà giáo có hiệu lực khi nào?", ["Luật Giáo dục", "Luật Nhà giáo"]),
])
def test_laws_are_read_by_name(question, laws):
    from rag.answer.question import read

    assert [str(law) for law in read(question).laws] == laws


_RECORDS_DECREE = """Số: 12/2026/NĐ-CP
Hà Nội, ngày 05 tháng 4 năm 2026
NGHỊ ĐỊNH
Quy định về đánh giá, xếp loại chất lượng viên chức
Căn cứ Luật Viên chức;
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc đánh giá, xếp loại chất lượng viên chức hằng năm.
Điều 2. Thời điểm đánh giá
Việc đánh giá, xếp loại chất lượng viên chức được thực hiện trước ngày 15 tháng 12 hằng năm.
Điều 3. Lưu giữ tài liệu xếp loại chất lượng viên chức
1. Tài liệu được lưu giữ dưới dạng tài liệu điện tử và tài liệu giấy theo quy định của pháp luật.
2. Tài liệu xếp loại chất lượng viên chức gồm:
a) Phiếu xếp loại chất lượng viên chức hằng năm;
b) Biên bản cuộc họp xếp loại chất lượng cuối năm;
c) Hồ sơ giải quyết kiến nghị (nếu có).
Điều 4. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 6 năm 2026.
"""


def test_a_statute_heading_frames_its_clauses_and_answers_nothing(base_settings, embedder, tmp_path):
    """"Điều 3. Lưu giữ tài liệu …" echoes the question best and says nothing: the clause below it
    that lists the documents kept is quoted, read under the heading's words."""
    from rag.pipeline import Assistant
    from rag.sync import ingest_folder

    folder = tmp_path / "statutes"
    folder.mkdir()
    (folder / "nghi-dinh-12-2026.txt").write_text(_RECORDS_DECREE, encoding="utf-8")
    s = base_settings.model_copy(update={"index_dir": tmp_path / "index"})
    ingest_folder(folder, s, embedder)
    answer = Assistant(s, embedder).ask("Tài liệu xếp loại chất lượng viên chức được lưu giữ gồm những gì?")
    assert not answer.abstained
    assert "Biên bản cuộc họp xếp loại chất lượng cuối năm" in answer.citations[0].quote


@pytest.mark.parametrize("quote, short, refused", [
    # A clause's number is no fee.
    ("2. Có chứng chỉ tiếng dân tộc thiểu số dự tuyển vào vị trí việc làm tại vùng dân tộc thiểu số.", "2", True),
    ("Lệ phí dự tuyển là 500.000 đồng một thí sinh.", "500.000 đồng", False),
    # A sum stated as a multiple of the base salary answers it too, and so do sums without "đồng".
    ("Lệ phí bằng 0,2 lần mức lương cơ sở.", "0,2", False),
    ("Tổng kinh phí đầu tư là 120 tỷ.", "120 tỷ", False),
    ("Mức thu (đơn vị: nghìn đồng/thí sinh) là 300.", "300", False),
])
def test_a_fee_is_not_answered_by_a_bare_number(quote, short, refused):
    at = quote.index(short)
    answer = ShortAnswer(short, at, at + len(short), "number")
    reason = support.unsupported("Lệ phí đăng ký dự tuyển giáo viên là bao nhiêu tiền?", answer, quote, 0)
    assert reason == "Các bài viết không nêu số tiền này." if refused else reason is None


@pytest.mark.parametrize("short, refused", [("2015-2020", True), ("năm 2020", True), ("25/01/2021", False),
                                           ("ngày 25 tháng 01 năm 2021", False), (None, False)])
def test_a_day_is_not_answered_by_a_year(short, refused):
    """…unless the quote names a day the finder passed over ("Ngày 27/6, …", tested below)."""
    answer = ShortAnswer(short, 0, len(short), "date") if short else None
    reason = support.no_day("Phiên trù bị của Đại hội được tổ chức vào ngày nào?", answer,
                            "Đại hội Đảng bộ nhiệm kỳ 2015-2020 và 2020-2025 đã thành công.")
    assert reason == "Các bài viết không nêu ngày này." if refused else reason is None
    quoted = support.no_day("Kỳ thi bắt đầu vào ngày nào?", ShortAnswer("năm 2024", 0, 8, "date"),
                            "Ngày 27/6, hơn 1 triệu thí sinh bước vào kỳ thi năm 2024.")
    assert quoted is None


def test_a_day_the_articles_do_not_state_is_not_answered_with_a_term(assistant):
    """The Lạng Sơn congress report names its terms, not the day of its preparatory session."""
    answer = assistant.ask("Phiên trù bị Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025 được tổ chức vào ngày nào?")
    assert answer.abstained and answer.status == "not_found"
    assert answer.text.startswith("Các bài viết không nêu ngày này.")


@pytest.mark.parametrize("short, refused", [("Chủ tịch", True), ("Nguyễn Văn An", False), ("ông Nguyễn Văn An", False)])
def test_who_is_not_answered_by_a_title(short, refused):
    """"… là ai?" asks for a name: a post alone ("Chủ tịch") names nobody."""
    quote = f"04 công chức được {short} Ủy ban nhân dân tỉnh tặng bằng khen."
    at = quote.index(short)
    reason = support.unsupported("Công chức được trình Thủ tướng Chính phủ tặng bằng khen là ai?",
                                 ShortAnswer(short, at, at + len(short), "person"), quote, 0)
    assert reason == "Các bài viết không nêu tên người được hỏi." if refused else reason is None


@pytest.mark.parametrize("sentence, fragment, whole", [
    ("Năm 2001, Tập đoàn Thiết kế Troika đã được thuê.", "Tập", "Tập đoàn Thiết kế Troika"),
    ("Bộ trưởng Chính phủ Vương quốc Anh chịu trách nhiệm.", "Vương", "Vương quốc Anh"),
    ("Thiếu tướng Louis-Joseph de Montcalm dẫn quân tiếp viện.", "Thiếu", "Thiếu tướng Louis-Joseph de Montcalm"),
    # A foreign name is not glued to the verb pyvi joins it to, and a compound with no name after it stays.
    ("Kuechly dẫn đầu đội về số lần húc.", "Kuechly", "Kuechly"),
    ("Tất cả mọi người đều đến.", "Tất", "Tất"),
])
def test_a_name_fragment_is_read_to_the_whole_name(sentence, fragment, whole):
    from rag.answer.span.edges import _whole_name

    at = sentence.index(fragment)
    assert _whole_name(ShortAnswer(fragment, at, at + len(fragment), "person"), [(sentence, 0)]).text == whole


@pytest.mark.parametrize("question, sentence, name, whole", [
    ("Trường đại học nào có nguồn gốc từ một trường y?", "Trường có nguồn gốc từ Đại học Newcastle ngày nay.",
     "Newcastle", "Đại học Newcastle"),
    ("Bảo tàng nào trưng bày bộ sưu tập?", "Bộ sưu tập được trưng bày tại Bảo tàng Horniman.", "Horniman",
     "Bảo tàng Horniman"),
    # A head written in lower case is a description, not part of the name.
    ("Bảo tàng nào trưng bày bộ sưu tập?", "Bộ sưu tập ở bảo tàng Horniman.", "Horniman", "Horniman"),
])
def test_a_name_keeps_the_head_the_question_asks_by(question, sentence, name, whole):
    from rag.answer.span.names import _with_head

    at = sentence.index(name)
    assert _with_head(ShortAnswer(name, at, at + len(name), "entity"), question, [(sentence, 0)]).text == whole


@pytest.mark.parametrize("span, name", [
    ("Kokochu rằng Bầu trời Xanh Vĩnh cửu", "Kokochu"),
    ("James Dewar đã có thể", "James Dewar"),
    ("Hồi giáo dưới sự lãnh đạo của Hassan al-Turabi", "Hồi giáo"),
    # Lower-case words of a Vietnamese name stay.
    ("Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
    ("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã"),
])
def test_a_name_answer_ends_where_the_name_does(span, name):
    from rag.answer.span.edges import _name_only

    assert _name_only(ShortAnswer(span, 0, len(span), "entity")).text == name


@pytest.mark.parametrize("span, trimmed", [
    ("của lý thuyết tính toán trong", "lý thuyết tính toán"),
    ("bằng cử nhân và", "bằng cử nhân"),
    ("các bon monoxit", "các bon monoxit"),  # "các" opens "các bon" (carbon): not trimmed
])
def test_an_open_answer_has_no_function_words_at_its_edges(span, trimmed):
    from rag.answer.span.edges import _edges

    assert _edges(ShortAnswer(span, 0, len(span), "span")).text == trimmed


@pytest.mark.parametrize("function, span, kind, expected", [
    # Capitalised given names that are also function words stay ("Được", "Như").
    ("_name_only", "Nguyễn Văn Được", "person", "Nguyễn Văn Được"),
    ("_name_only", "Sở GD&ĐT đã tổ chức", "organisation", "Sở GD&ĐT"),
    ("_edges", "em Nguyễn Quỳnh Như", "span", "em Nguyễn Quỳnh Như"),
    ("_edges", "cơ quan quản lý cấp trên", "span", "cơ quan quản lý cấp trên"),
])
def test_name_and_edge_trimming_keep_what_the_text_capitalises(function, span, kind, expected):
    from rag.answer.span import edges

    assert getattr(edges, function)(ShortAnswer(span, 0, len(span), kind)).text == expected


@pytest.mark.parametrize("question, quote, expected", [
    ("Thời gian đào tạo là bao nhiêu năm?", "Thời gian đào tạo từ 2 đến 4 năm tùy ngành.", "từ 2 đến 4 năm"),
    ("Có bao nhiêu học sinh dự thi?", "Số học sinh dự thi:1.250 học sinh.", "1.250 học sinh"),  # a colon before it
])
def test_a_number_reads_its_range(question, quote, expected):
    found = find(question, "number", [(quote, 0)])
    assert found is not None and found.text == expected


def test_a_number_before_tren_is_no_bound():
    from rag.answer.span.numbers import _bounded

    quote = "Trường hoàn thành 28 trên 30 chỉ tiêu."
    at = quote.index("30")
    assert _bounded(quote, (at, at + 2)) == (at, at + 2)  # not "trên 30": 28 of 30


def test_term_weights_follow_the_question_not_a_set(assistant):
    """Sentence scores sum the weights in this order: a set's order changes with the hash seed,
    and two sentences that tie went one way or the other from run to run."""
    from rag.answer import Answerer

    answerer = Answerer(assistant.refresh().lexical.idf)
    terms = ["đại_hội", "lạng_sơn", "diễn", "đảng_bộ", "đại_hội", "ngày"]
    assert list(answerer._weights(terms)) == [t for t in dict.fromkeys(terms) if answerer._weights([t])]


def test_a_body_s_name_joined_by_va_is_one_name():
    """"Sở Giáo dục và Đào tạo" is one name; "Đào tạo" alone is none."""
    from rag.answer.span.names import _entity

    sentence = "Ngày 25/01/2021, Sở Giáo dục và Đào tạo Trà Vinh tổ chức Hội nghị cán bộ."
    s, e = _entity(sentence, "Hội nghị diễn ra tại hội trường nào?", [])
    assert sentence[s:e] == "Sở Giáo dục và Đào tạo"
    # Two countries joined by "và" stay two.
    sentence = "Kenya cạnh tranh với Morocco và Ethiopia trong chạy đường dài."
    assert sentence[slice(*_entity(sentence, "Kenya cạnh tranh với nước nào?", []))] in ("Morocco", "Ethiopia")


def test_an_organisation_filter_typed_without_marks_selects_as_one_with_them():
    from rag.index.store import matching_sources

    keys = ["sở giáo dục và đào tạo", "sở giáo dục và đào tạo trà vinh", "sở giáo dục và đào tạo lạng sơn"]
    assert matching_sources("tra vinh", keys) == ["sở giáo dục và đào tạo trà vinh"]
    # Exact first without marks too: the bare name is the article naming no province, not all of them.
    assert matching_sources("so giao duc va dao tao", keys) == ["sở giáo dục và đào tạo"]
    assert matching_sources("trà vinh", keys) == ["sở giáo dục và đào tạo trà vinh"]
    assert matching_sources("tra vính", keys) == []  # typed with a mark: compared as typed


def test_who_holds_a_post_of_no_named_province_lists_each_organisation_s(assistant):
    """"Ai là Giám đốc Sở GDĐT?" with no province: three articles name one; the note, said first,
    names each with its organisation and asks for the province (a second API probe), and none
    is bold (a staff user read "Có thể là: Phạm Thị Trung" above the list as a contradiction)."""
    answer = assistant.ask("Ai là Giám đốc Sở GDĐT?")
    assert answer.status == "answered" and answer.short_answer is None
    assert answer.note.startswith("Các bài viết nêu Giám đốc của nhiều đơn vị: ") and answer.text.startswith(answer.note)
    assert "Nguyễn Thị Bạch Vân (Sở Giáo dục và Đào tạo Trà Vinh)" in answer.note and "Hãy nêu tên tỉnh" in answer.note
    assert len({c.source for c in answer.citations}) == len(answer.citations) == 3
    # The outgoing Bí thư with the term the article writes beside his post.
    answer = assistant.ask("Ai là Bí thư Đảng ủy Sở?")
    assert "Trần Quốc Tuấn (Sở Giáo dục và Đào tạo Lạng Sơn, nhiệm kỳ 2015-2020)" in answer.note
    # Each Department's own holder: not the visiting Phó Bí thư of the Đảng ủy Khối; a question
    # about the Khối is about one body, not each Department's.
    answer = assistant.ask("Ai là Phó Bí thư Đảng ủy?")
    assert "Nguyễn Đức Thắng" not in answer.note and "Hà Thị Khánh Vân (Sở Giáo dục và Đào tạo Lạng Sơn" in answer.note
    answer = assistant.ask("Ai là Bí thư Đảng ủy Khối?")
    assert answer.short_answer.text == "Bùi Thái Trọng" and answer.short_answer.sure and answer.note is None
    # A province named: its holder alone, sure.
    answer = assistant.ask("Ai là Giám đốc Sở GDĐT Trà Vinh?")
    assert answer.short_answer.text == "Nguyễn Thị Bạch Vân" and answer.short_answer.sure and answer.note is None


@pytest.mark.parametrize("question, clause, verdict", [
    ("Dữ liệu livestream phải được lưu trữ ít nhất 02 năm, phải không?",
     "Lưu trữ dữ liệu livestream bán hàng trong thời gian ít nhất 01 năm", "không"),
    ("Dữ liệu phải được lưu trữ ít nhất 01 năm, phải không?", "Lưu trữ dữ liệu trong thời gian ít nhất 01 năm", "có"),
    ("Nền tảng chỉ cần bảo đảm truy cập dữ liệu trong 06 tháng, phải không?", "trong thời gian ít nhất 01 năm", "không"),
    ("Việc xếp loại được tiến hành trước ngày 15 tháng 12 hằng năm, phải không?",
     "Thời điểm xếp loại được tiến hành trước ngày 5 tháng 12 hằng năm", "không"),
    ("Việc xếp loại được tiến hành trước ngày 5/12 hằng năm, phải không?",
     "Thời điểm xếp loại được tiến hành trước ngày 5 tháng 12 hằng năm", "có"),
    # Bounds pointing opposite ways, a negation the question does not make, an amount of
    # another kind, a statute article's number: nothing settled.
    ("Thời gian nghỉ tối đa là 04 tuần phải không?", "tối thiểu là 04 tuần, tối đa là 08 tuần", None),
    ("Có phải 100% đảng viên được học tập nghị quyết không?", "chưa đạt 100% đảng viên được học tập", None),
    ("Đại hội có 139 đảng viên dự phải không?", "Đại hội diễn ra trong 2 ngày", None),
    ("Theo Điều 5, viên chức được nghỉ 2 ngày phải không?", "Điều 5. Viên chức được nghỉ", None),
    # An amount before the claim is a condition the clause must state too.
    ("Làm việc 8 giờ trở lên được nghỉ ít nhất 20 phút phải không?", "từ 06 giờ trở lên thì được nghỉ ít nhất 30 phút", None),
    ("Làm việc 6 giờ trở lên được nghỉ ít nhất 20 phút phải không?", "từ 06 giờ trở lên thì được nghỉ ít nhất 30 phút",
     "không"),
])
def test_an_amount_claimed_is_settled_by_the_amount_the_clause_states(question, clause, verdict):
    from rag.answer.span.settle import settles

    assert settles(question, clause) == verdict


@pytest.mark.parametrize("question, verdict, says", [
    # Of the sentence's two clauses alike, the one stating the amount claimed (the day's "30
    # phút" came first and had read as a no).
    ("Người lao động làm việc vào ban đêm được nghỉ giữa giờ ít nhất 45 phút liên tục phải không?", "có", "45 phút"),
    ("Làm việc ban đêm thì được nghỉ giữa giờ ít nhất 60 phút phải không?", "không", "45 phút"),
])
def test_a_yes_no_question_claiming_an_amount_gets_a_verdict(legal_assistant, question, verdict, says):
    answer = legal_assistant.ask(question)
    sa = answer.short_answer
    assert answer.status == "answered" and sa.kind == "confirm" and sa.verdict == verdict and says in sa.text


def test_an_answer_read_back_from_its_right_anchor_runs_through_light_words():
    """"… có chức năng … phải làm thủ tục gì trước khi vận hành …?": the question's own "có" does
    not end the answer at "thẩm quyền" (from the statute probe)."""
    question = "Chủ quản nền tảng có chức năng đặt hàng trực tuyến phải làm thủ tục gì trước khi vận hành nền tảng?"
    sentence = ("Chủ quản nền tảng kinh doanh trực tiếp có chức năng đặt hàng trực tuyến thực hiện thông báo với "
                "cơ quan nhà nước có thẩm quyền trước khi vận hành nền tảng.")
    assert find(question, None, [(sentence, 0)]).text == "thực hiện thông báo với cơ quan nhà nước có thẩm quyền"


def test_a_body_named_as_the_answer_keeps_its_first_word(assistant):
    """The span began at "ủy Khối …", the question's own "Đảng" having ended it."""
    answer = assistant.ask("Đơn vị nào tổ chức hội nghị tổng kết công tác xây dựng Đảng năm 2020 và triển khai "
                           "nhiệm vụ năm 2021?")
    assert answer.short_answer.text == "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh"


@pytest.mark.parametrize("question, short, verdict", [
    # A staff user's false claim had been answered with the clause "Đảng ủy Sở long trọng tổ chức …".
    ("Hội nghị sơ kết của Đảng ủy Sở Sóc Trăng tổ chức vào buổi chiều phải không?", "sáng ngày 03-7-2020", "không"),
    ("Hội nghị tổng kết công tác xây dựng Đảng năm 2020 diễn ra buổi sáng phải không?", "Sáng ngày 14/01/2021", "có"),
    ("Buổi làm việc của Ban Thường vụ Đảng ủy Khối với Đảng bộ Sở GDĐT diễn ra vào buổi nào?",
     "chiều ngày 08 ngày 5 năm 2023", None),
])
def test_the_part_of_the_day_is_answered_and_a_claimed_one_settled(assistant, question, short, verdict):
    sa = assistant.ask(question).short_answer
    assert (sa.text, sa.verdict, sa.sure) == (short, verdict, True)


@pytest.mark.parametrize("question", [
    # The article dates the congress with no part of the day: "Đại hội đã bầu 09 đồng chí …" had
    # been shown, bold, as what settles it (a second staff user's pass).
    "Đại hội Đảng bộ Sở GDĐT Lạng Sơn tổ chức vào buổi chiều phải không?",
    "Đại hội Đảng bộ Sở GDĐT Lạng Sơn tổ chức vào buổi chiều à?",
])
def test_a_part_of_the_day_the_article_does_not_give_gets_no_short_answer(assistant, question):
    answer = assistant.ask(question)
    assert answer.short_answer is None


def test_a_follow_up_pointing_back_is_its_own_question(assistant):
    """"Đại hội đó …" is searched with the earlier question after it, for "đó"; what it asks is its
    own: the earlier count ("7 chi bộ") had come back, bold."""
    answer = assistant.ask("Đại hội đó tổ chức vào buổi chiều phải không?",
                           history=["Đại hội Đảng bộ Sở GDĐT Lạng Sơn có bao nhiêu chi bộ?"])
    assert answer.short_answer is None or "chi bộ" not in answer.short_answer.text


@pytest.mark.parametrize("text, item", [
    ("b)Bị cấp có thẩm quyền kết luận có biểu hiện suy thoái;", True),  # typed against its text, as a decree had it
    ("a) Có kết quả dưới 50 điểm;", True),
    ("b)bị", False),  # no capital after it: no point
    ("Bị cấp có thẩm quyền kết luận", False),
])
def test_a_lettered_point_is_read_with_or_without_its_space(text, item):
    from rag.answer.span import LIST_ITEM

    assert bool(LIST_ITEM.match(text)) is item


def test_a_statute_pointing_at_itself_names_nobody():
    """"… khoản 2 Điều này": "Điều" had been the guessed person (from the statute probe)."""
    question = "Ai có thẩm quyền xếp loại chất lượng đối với người đứng đầu đơn vị sự nghiệp công lập?"
    sentence = ("a) Người đứng đầu cơ quan quản lý đơn vị sự nghiệp công lập xếp loại chất lượng đối với viên chức "
                "quy định tại điểm a khoản 2 Điều này.")
    found = find(question, "person", [(sentence, 0)])
    assert found is None or found.text != "Điều"


@pytest.mark.parametrize("question, sentence, expected", [
    # The decree that ceases to have effect, not the one in brackets that had amended it.
    ("Nghị định 233/2026/NĐ-CP thay thế nghị định nào?",
     "2. Nghị định số 90/2020/NĐ-CP ngày 13 tháng 8 năm 2020 của Chính phủ về đánh giá (được sửa đổi, bổ sung tại "
     "Nghị định số 48/2023/NĐ-CP ngày 17 tháng 7 năm 2023) hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực.",
     "Nghị định số 90/2020/NĐ-CP"),
    # Articles and clauses of another decree: those parts, with the decree.
    ("Văn bản nào hết hiệu lực khi Nghị định 66/2026/NĐ-CP có hiệu lực?",
     "3. Điều 6, Điều 12; khoản 4, 5, 6 Điều 35 của Nghị định số 142/2025/NĐ-CP ngày 12 tháng 6 năm 2025 hết hiệu lực "
     "kể từ ngày Nghị định này có hiệu lực thi hành.", "Điều 6, Điều 12; khoản 4, 5, 6 Điều 35 của Nghị định số 142/2025/NĐ-CP"),
    ("Nghị định 233/2026/NĐ-CP quy định gì?", "Nghị định số 90/2020/NĐ-CP hết hiệu lực.", None),
])
def test_what_a_statute_replaces_is_what_it_says_ceases_to_have_effect(question, sentence, expected):
    from rag.answer.span.names import repealed

    found = repealed(question, [(sentence, 0)])
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("question, short", [
    # A staff user asked "gồm mấy người?" and was answered "07".
    ("Đoàn đại biểu dự Đại hội Đảng bộ Khối gồm mấy người?", "07 đại biểu chính thức, 01 đại biểu dự khuyết"),
    ("Đoàn đại biểu dự Đại hội Đảng bộ Khối có bao nhiêu đại biểu dự khuyết?", "01 đại biểu"),
    # The question's words stood nearer the second count: "01 đại biểu" had been given alone.
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn bầu bao nhiêu đại biểu dự Đại hội Đảng bộ Khối?",
     "07 đại biểu chính thức, 01 đại biểu dự khuyết"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn bầu bao nhiêu đại biểu chính thức?", "07 đại biểu"),
])
def test_a_count_split_into_kinds_is_given_whole_unless_one_kind_is_asked(assistant, question, short):
    assert assistant.ask(question).short_answer.text == short


@pytest.mark.parametrize("question, short", [
    ("Ban Thanh tra nhân dân báo cáo gì?", "báo cáo kết quả hoạt động năm 2020 và chương trình công tác năm 2021"),
    # Every item says the asked words: none is the one; "của đơn vị nào?" asks a name in it.
    ("Các báo cáo năm 2020 là gì?", None),
    ("Báo cáo tổng hợp thi đua là của đơn vị nào?", None),
])
def test_the_item_alone_in_saying_the_questions_words_answers_it(question, short):
    from rag.answer.span.phrases import item_saying

    sentence = ("Hội nghị đã thông qua dự thảo về các báo cáo: báo cáo kết quả thực hiện Nghị quyết Hội nghị cán bộ, "
                "công chức năm 2020; báo cáo kết quả hoạt động công đoàn năm 2020 và dự thảo kế hoạch năm 2021; báo "
                "cáo tổng hợp thi đua – khen thưởng năm học 2020-2021; báo cáo kết quả hoạt động năm 2020 và chương "
                "trình công tác năm 2021 của Ban Thanh tra nhân dân.")
    found = item_saying(question, [(sentence, 100)])
    assert (found.text if found else None) == short
    if found:
        assert sentence[found.start - 100:found.end - 100] == short


@pytest.mark.parametrize("question, short", [
    # An API probe got "2015-2020 trình bày"; the years of the term written after the name asked.
    ("Trần Quốc Tuấn là Bí thư nhiệm kỳ nào?", "2015-2020"),
    ("Đại hội Đảng bộ Sở GDĐT Lạng Sơn là đại hội nhiệm kỳ nào?", "2020-2025"),
])
def test_a_term_asked_is_its_years(assistant, question, short):
    assert assistant.ask(question).short_answer.text == short


def test_what_a_named_person_did_is_read_from_do_name_verb(assistant):
    """"… báo cáo chính trị và phương hướng nhiệm kỳ 2020-2025 do đồng chí Hà Thị Khánh Vân, …
    trình bày": asked what she presented (an API probe got a piece of her post)."""
    from rag.answer.span.names import done_by

    assert assistant.ask("Hà Thị Khánh Vân trình bày gì?").short_answer.text == \
        "báo cáo chính trị và phương hướng nhiệm kỳ 2020-2025"
    sentence = "Hội nghị nghe: báo cáo tổng kết do ông Lê Văn A, Phó Giám đốc, trình bày; ý kiến của chi bộ."
    assert done_by("Lê Văn A trình bày gì?", [(sentence, 0)]).text == "báo cáo tổng kết"
    assert done_by("Lê Văn A phát biểu gì?", [(sentence, 0)]) is None  # not what he did there


@pytest.mark.parametrize("question", ["Đồng chí Trần Quốc Tuấn đọc gì?", "Ông Trần Quốc Tuấn đã đọc gì tại Đại hội?",
                                      "Đồng chí Trần Quốc Tuấn đọc diễn văn gì?"])
def test_a_speech_owned_by_the_person_asked_is_what_they_read(assistant, question):
    """"… sau diễn văn khai mạc của đồng chí Trần Quốc Tuấn – Tỉnh ủy viên, …": asked what he
    read, the speech that is his (a staff user's pass and an API probe had got his own name)."""
    from rag.answer.span.names import done_by

    answer = assistant.ask(question)
    assert answer.short_answer.text == "diễn văn khai mạc" and "Lạng Sơn" in answer.citations[0].source
    sentence = "Sau lời chào của ông Lê Văn A, hội nghị nghe báo cáo tổng kết của ông Lê Văn A."
    assert done_by("Lê Văn A đọc gì?", [(sentence, 0)]).text == "báo cáo tổng kết"
    assert done_by("Lê Văn A ký gì?", [(sentence, 0)]) is None  # a speech is no answer to what he signed


def test_one_plain_word_is_no_place(assistant):
    # An API probe got "hết", sure, for where she spoke; the quote ("phát biểu tại buổi làm việc")
    # is left for the reader.
    answer = assistant.ask("Phạm Thị Trung phát biểu ở đâu?")
    assert answer.short_answer is None or answer.short_answer.text != "hết"
    assert "phát biểu tại buổi làm việc" in answer.text


def test_what_one_of_several_reports_said_is_that_report(assistant):
    """A staff user asked what the people's inspection board reported and got "tổng hợp thi
    đua", a word of the item before it."""
    answer = assistant.ask("Ban Thanh tra nhân dân Sở GDĐT Trà Vinh báo cáo gì?")
    assert answer.short_answer.text == "báo cáo kết quả hoạt động năm 2020 và chương trình công tác năm 2021"


@pytest.mark.parametrize("question, post", [
    ("Buổi làm việc của Đảng ủy Khối với Đảng bộ Sở GDĐT Kon Tum do ai làm trưởng đoàn?", "trưởng_đoàn"),
    ("Đảng bộ Sở do ai làm Bí thư?", "bí_thư"),
    ("Hội nghị do ai chủ trì?", None),  # a role in the event, not a post
])
def test_a_post_asked_after_the_event_by_do_ai_lam(question, post):
    assert support.asked_post(question) == post


def test_the_head_of_a_delegation_asked_with_do_ai_is_the_one_written_as_head(assistant):
    """A staff user got "Phạm Thị Trung", the host named in the next sentence, for the head of the
    visiting delegation ("… do đồng chí Bùi Thái Trọng … làm trưởng đoàn")."""
    answer = assistant.ask("Buổi làm việc của Đảng ủy Khối với Đảng bộ Sở GDĐT Kon Tum do ai làm trưởng đoàn?")
    assert answer.short_answer.text == "Bùi Thái Trọng"


def test_a_document_named_by_its_code_answers_which_one(assistant):
    """"… theo hướng dẫn nào?": "Hướng dẫn số 08-HD/BTCTU" (a staff user had been shown "thư ký
    chi ủy và chi bộ ghi chép biên bản các", the verb "hướng dẫn" read as the head), with the
    date and issuer the quote writes after it."""
    answer = assistant.ask("Biên bản họp chi bộ ở Sóc Trăng phải ghi theo hướng dẫn nào?")
    assert answer.short_answer.text == "Hướng dẫn số 08-HD/BTCTU, ngày 07-8-2018 của BTC Tỉnh ủy"


def test_a_yes_no_clause_must_write_the_name_claimed():
    """"… được tặng Huân chương Lao động phải không?": a clause about "Bằng khen tập thể Lao
    động xuất sắc" had been shown, bold, as what settles it (a staff user's pass)."""
    question = "Đảng bộ Sở được tặng Huân chương Lao động phải không?"
    sentence = "Năm 2020, 3/6 tập thể được Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen tập thể Lao động xuất sắc."
    assert find(question, None, [(sentence, 0)]) is None
    said = "Năm 2020, Đảng bộ Sở được Chủ tịch nước tặng Huân chương Lao động hạng Ba."
    assert "Huân chương Lao động" in find(question, None, [(said, 0)]).text


@pytest.mark.parametrize("question, kind, says", [
    # "Có ai … không?" asks whether anyone did: the clause (a staff user had been shown the guess "Chính phủ").
    ("Có ai được trình Thủ tướng tặng bằng khen không?", "confirm", "01 công chức đang trình Thủ tướng"),
    # Asked of a kind of people: the same (a staff user's pass got the guess "Chính phủ" again).
    ("Có công chức nào được trình Thủ tướng tặng bằng khen không?", "confirm", "01 công chức đang trình Thủ tướng"),
    # "Có ai là Giám đốc …?" still asks who.
    ("Có ai là Giám đốc Sở GDĐT Trà Vinh không?", "person", "Nguyễn Thị Bạch Vân"),
])
def test_whether_anyone_did_is_a_yes_no_question(assistant, question, kind, says):
    sa = assistant.ask(question).short_answer
    assert sa.kind == kind and says in sa.text


@pytest.mark.parametrize("question, opening", [
    # A staff user's summary request had been answered with the guess "Sở Giáo dục và Đào tạo".
    ("Tóm tắt giúp tôi bài về hội nghị cán bộ công chức Trà Vinh", "Ngày 25/01/2021, Sở Giáo dục và Đào tạo Trà Vinh"),
    ("Bài viết về Đại hội Đảng bộ Sở GDĐT Lạng Sơn nói gì?", "Ngày 21/5/2020, Đảng bộ Sở Giáo dục"),
])
def test_a_summary_request_quotes_the_article_s_opening(assistant, question, opening):
    answer = assistant.ask(question)
    assert answer.status == "answered" and answer.short_answer is None
    quote = answer.citations[0].quote
    assert quote.startswith(opening) and quote.count(".") >= 2


@pytest.mark.parametrize("question, summary", [
    ("Hãy tóm tắt tin về hội nghị", True),
    ("Ai trình bày tóm tắt báo cáo?", False),  # a report's summary was presented: who did
    ("Bài phát biểu của Bí thư nói gì?", False),  # a speech, not the article
])
def test_what_is_a_summary_request(question, summary):
    from rag.answer.about import asks_summary

    assert asks_summary(question) is summary


@pytest.mark.parametrize("sentence, question, denied", [
    # The clause for staff who hold no managing post had been quoted for those who do.
    ("2. Khung tiêu chí đối với viên chức không giữ chức vụ quản lý bao gồm:",
     "khung tiêu chí đối với viên chức giữ chức vụ quản lý bao gồm những tiêu chí nào?", True),
    ("2. Khung tiêu chí đối với viên chức không giữ chức vụ quản lý bao gồm:",
     "khung tiêu chí đối với viên chức không giữ chức vụ quản lý gồm những gì?", False),
    ("Thời giờ làm việc không quá 08 giờ trong 01 ngày.", "thời giờ làm việc tối đa là bao nhiêu giờ?", False),
])
def test_a_sentence_denying_what_the_question_states(sentence, question, denied):
    from rag.answer.layout import denies

    assert denies(sentence, question) is denied


def test_a_list_asked_in_its_lead_s_words_is_quoted_from_its_lead(assistant):
    """The lead and its first item are in the chunk before the best-scoring item: the quote had
    started at the second item, and the short answer was a guessed stretch of it."""
    answer = assistant.ask("Bí thư Đảng ủy Sở Sóc Trăng yêu cầu các chi bộ thực hiện những việc gì?")
    quote, short = answer.citations[0].quote, answer.short_answer
    assert quote.startswith("Phát biểu kết luận Hội nghị") and quote.rstrip().endswith("hàng tháng.")
    assert short.kind == "list" and short.text.startswith("- Tiếp tục theo dõi") and short.sure
    article = Index.open(assistant.settings.index_dir).store.get_article(answer.citations[0].article_id)
    assert article.text[answer.citations[0].start : answer.citations[0].end] == quote  # verbatim, exact offsets


def test_a_list_announced_inside_its_sentence_runs_on_to_the_paragraph_s_end(assistant):
    """"… các giải pháp chủ yếu như sau: Bám sát …. Đổi mới …. …": the quote had stopped at the
    second of nine (a staff user's pass)."""
    answer = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn xác định những giải pháp chủ yếu nào?")
    short = answer.short_answer
    assert short.kind == "list" and short.text.startswith("Bám sát chủ trương")
    assert short.text.endswith("phong cách Hồ Chí Minh.") and "Đại hội đã bầu" not in answer.citations[0].quote


def test_an_open_answer_does_not_open_on_the_verb_s_preposition(assistant):
    """"… cần quan tâm điều gì?": "đến công tác phối hợp …" (a staff user saw "Đến …" in bold)."""
    short = assistant.ask("Đảng ủy Khối đề nghị Đảng ủy Sở GDĐT Kon Tum cần quan tâm điều gì?").short_answer
    assert short.text.startswith("công tác phối hợp giữa cấp ủy")


def test_the_by_line_is_no_evidence_but_for_who_wrote_it(assistant):
    """"Phan Xuân Nghĩa, Văn phòng Sở" wrote the article: a staff user had got him as the one honoured."""
    honoured = assistant.ask("Ai được công nhận hoàn thành xuất sắc nhiệm vụ năm 2020?")
    assert "Phan Xuân Nghĩa" not in honoured.text
    assert honoured.short_answer is None or not re.search(r"\d", honoured.short_answer.text)  # nor "Covid-19"
    wrote = assistant.ask("Ai viết bài Đảng bộ Sở GD&ĐT hoàn thành xuất sắc nhiệm vụ năm 2020?")
    assert wrote.short_answer.text == "Phan Xuân Nghĩa"



def test_whether_anyone_did_with_no_one_named_is_not_answered(assistant):
    """"Có ai bị kỷ luật không?": no article names anyone disciplined; "Thi hành kỷ luật Đảng được
    triển khai …" had been shown, bold, as the answer (a second staff user's pass)."""
    answer = assistant.ask("Có ai bị kỷ luật không?")
    assert answer.status == "not_found" and "không nêu ai" in answer.text


@pytest.mark.parametrize("question, sentence, expected", [
    # From a cold read: when it ceases is a date, and what replaced it is another question.
    ("Nghị định 90/2020/NĐ-CP hết hiệu lực khi nào?", "Nghị định số 90/2020/NĐ-CP hết hiệu lực kể từ ngày 01/01/2027.", None),
    ("Nghị định 90 được thay thế bởi văn bản nào?", "Nghị định số 90/2020/NĐ-CP hết hiệu lực.", None),
    # A point's letter is no bracket.
    ("Nghị định 233 thay thế nghị định nào?", "b) Nghị định số 90/2020/NĐ-CP hết hiệu lực.", "Nghị định số 90/2020/NĐ-CP"),
])
def test_what_a_statute_replaces_is_asked_of_a_document(question, sentence, expected):
    from rag.answer.span.names import repealed

    found = repealed(question, [(sentence, 0)])
    assert (found.text if found else None) == expected


@pytest.mark.parametrize("question, asks", [
    ("Đại hội tổ chức vào buổi chiều phải không?", True),
    ("Hội nghị họp chiều phải không?", True),
    # When one works or rests, not when an event was (a cold read).
    ("Người lao động có được làm thêm giờ vào ban đêm không?", False),
    ("Giáo viên có được nghỉ trưa không?", False),
])
def test_only_a_dated_event_asks_the_part_of_the_day(question, asks):
    from rag.answer.span import asks_day_part

    assert asks_day_part(question) is asks


@pytest.mark.parametrize("text, names", [
    ("Chi bộ Văn phòng Sở được công nhận", True),  # a body
    ("01 công chức đang trình Thủ tướng", True),
    ("Thi hành kỷ luật Đảng năm 2020 được triển khai", False),  # a year counts no one
])
def test_what_names_or_counts_someone(text, names):
    assert support.names_someone(text) is names


@pytest.mark.parametrize("question, clause, verdict", [
    ("Dữ liệu phải lưu trữ 12 tháng, phải không?", "lưu trữ ít nhất 01 năm", "có"),  # months and years exactly
    ("Người lao động được nghỉ 4 tuần phải không?", "được nghỉ 01 tháng", None),  # no whole number converts them
    ("Theo Quyết định 1234, viên chức được nghỉ 2 ngày phải không?", "được nghỉ 3 ngày", "không"),  # a number, no condition
])
def test_times_are_compared_exactly(question, clause, verdict):
    from rag.answer.span.settle import settles

    assert settles(question, clause) == verdict


def test_a_limit_or_not_only_is_no_denial():
    from rag.answer.layout import denies

    assert not denies("Người lao động không được nghỉ hằng năm quá 12 ngày.", "người lao động được nghỉ hằng năm mấy ngày?")
    assert not denies("Không chỉ giáo viên mà cả học sinh tham gia.", "giáo viên tham gia gì?")


def test_a_speech_in_the_article_is_no_summary_request():
    from rag.answer.about import asks_summary

    assert not asks_summary("Trong bài viết, đồng chí Bí thư nói gì?")


def test_a_short_question_of_its_own_reads_as_itself():
    from ui.render import understood_as

    reply = {"query": "Hội nghị đó ở đâu? Hội nghị cán bộ Sở GDĐT Trà Vinh diễn ra ngày nào?"}
    assert understood_as("Hội nghị đó ở đâu?", reply) == (
        "Đã hiểu câu hỏi là: “Hội nghị đó ở đâu?”, tiếp theo câu “Hội nghị cán bộ Sở GDĐT Trà Vinh diễn ra ngày nào?”")


def test_a_count_of_something_else_is_said_plainly(assistant):
    """"(số đảng viên; con số gần nhất là số cơ quan)" read awkwardly to a staff user."""
    answer = assistant.ask("Sở GDĐT Kon Tum có bao nhiêu đảng viên?")
    assert answer.status == "not_found" and "không nêu số đảng viên; đoạn gần nhất chỉ nêu số cơ quan." in answer.text


@pytest.mark.parametrize("question, short", [
    # Spelled out, the Department's name weighs next to nothing, and the chunk ranked first does
    # not write the post: it had been refused, though "Sở GDĐT Kon Tum" was answered (two staff users).
    ("Ai là Giám đốc Sở Giáo dục và Đào tạo Kon Tum?", "Phạm Thị Trung"),
    ("Giám đốc Sở Giáo dục và Đào tạo Kon Tum là ai?", "Phạm Thị Trung"),
])
def test_a_post_asked_of_the_department_spelled_out_is_answered(assistant, question, short):
    assert assistant.ask(question).short_answer.text == short


def test_documents_named_one_after_another_answer_which_ones_whole(assistant):
    """"… những kết luận nào?": both (a staff user had got "số 21-KL/TW … của Ban Chấp hành", cut)."""
    short = assistant.ask("Đảng ủy Sở GDĐT Kon Tum cần tiếp tục triển khai thực hiện những kết luận nào?").short_answer
    assert short.kind == "list" and short.text == (
        "Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng; "
        "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị")


def test_a_photo_caption_is_not_quoted_as_a_neighbour(assistant):
    """The caption "Đồng chí Bùi Thái Trọng- … chủ trì buổi làm việc" (no full stop) had been quoted
    after the answer to who heads the Department (a staff user's pass)."""
    answer = assistant.ask("Giám đốc Sở GDĐT Kon Tum là ai?")
    assert answer.short_answer.text == "Phạm Thị Trung" and "chủ trì buổi làm việc" not in answer.citations[0].quote


def test_a_count_that_closes_its_clause_is_not_read_as_a_list_of_counts():
    """"… gửi 01 bộ hồ sơ …, … trước thời điểm nghỉ hưu ít nhất 06 tháng": the 06 tháng the
    question's words lead to, not the 01 whose stretch holds them (a legal3 dev question)."""
    from rag.answer.span import find

    sentence = ("3. Nhà giáo đáp ứng các điều kiện theo quy định gửi 01 bộ hồ sơ trực tiếp tại cơ sở giáo dục công "
                "lập hoặc trực tuyến thông qua hệ thống thông tin, cổng dịch vụ công của cơ sở giáo dục công lập (nếu "
                "có) trước thời điểm nghỉ hưu ít nhất 06 tháng.")
    found = find("Giáo viên muốn nghỉ hưu ở tuổi cao hơn phải gửi hồ sơ trước thời điểm nghỉ hưu ít "
                              "nhất bao lâu?", "number", [(sentence, 0)])
    assert found.text == "ít nhất 06 tháng"


@pytest.mark.parametrize("question", [
    "Ai là Phó Bí thư Đảng ủy Sở Lạng Sơn?",
    "ai là phó bí thư đảng ủy sở lạng sơn",
])
def test_a_visiting_deputy_of_another_body_is_not_the_holder_asked(assistant, question):
    """A staff user got "Nguyễn Đức Thắng" (Phó bí thư Đảng ủy Khối, a guest of the congress):
    the post asked is the Department's own, whose holder the article names elsewhere."""
    answer = assistant.ask(question)
    assert answer.short_answer.text == "Hà Thị Khánh Vân"


@pytest.mark.parametrize("question", [
    "Giám đốc Sở Kon Tum là ai?",  # the article's chunk naming the post is ranked fifth
    "giám đốc sở kon tum là ai",
    "còn bí thư đảng ủy sở kon tum là ai?",  # "còn" typed first: no rare word of the question
])
def test_who_holds_a_post_asked_in_staff_words_is_answered(assistant, question):
    """A staff user was told "Không tìm thấy thông tin liên quan …" for each of these."""
    assert assistant.ask(question).short_answer.text == "Phạm Thị Trung"


def test_a_follow_up_asking_for_a_deputy_gets_the_deputy(assistant):
    """"còn phó giám đốc sở là ai?" after a question on the Kon Tum working session borrows it,
    and the post its own words ask for picks the holder: a staff user had got the Giám đốc."""
    answer = assistant.ask("còn phó giám đốc sở là ai?",
                           history=["buổi làm việc của đảng ủy khối với sở gdđt kon tum ngày nào"])
    assert answer.short_answer.text == "Nguyễn Trọng Thắng"


def test_a_day_or_month_is_no_count():
    """"… kể từ ngày 01 tháng 6 năm 2026" holds no count of days or years: asked "đến bao nhiêu
    tuổi?", an API probe had got "6 năm" (the statute gives no age)."""
    from rag.answer.span import find

    sentence = "3. Nhà giáo là giáo sư được kéo dài thời gian làm việc kể từ ngày 01 tháng 6 năm 2026."
    assert find("Giáo sư được kéo dài thời gian công tác đến bao nhiêu tuổi?", "number", [(sentence, 0)]) is None
    assert find("Kéo dài thời gian làm việc ít nhất bao nhiêu năm?", "number",
                [("Được kéo dài thời gian làm việc ít nhất 5 năm kể từ ngày 01 tháng 6 năm 2026.", 0)]).text == "ít nhất 5 năm"


@pytest.mark.parametrize("question, article", [
    ("Quy định về thời gian nghỉ hè của nhà giáo nằm ở điều nào?", "Điều 17"),
    ("Việc thi tuyển nhà giáo được quy định tại điều mấy?", "Điều 7"),
    ("Hồ sơ thuyên chuyển giáo viên được quy định ở điều nào?", "Điều 12"),
])
def test_which_article_says_it_is_answered_with_its_heading(teacher_decree, question, article):
    """"… nằm ở điều nào?" asks for the statute article, not a number inside a clause (an API
    probe had got "13" and "Ngoài"): its "Điều N" in bold, its heading cited."""
    answer = teacher_decree.ask(question)
    short = answer.short_answer
    assert (short.text, short.basis) == (article, "provision")
    cited = answer.citations[short.citation - 1]
    assert cited.quote[short.start - cited.start:short.end - cited.start] == article
    assert cited.quote.startswith(article + ".")


@pytest.mark.parametrize("question, law", [
    ("Điều 7 Luật Nhà giáo quy định gì?", "Luật Nhà giáo"),  # only the decree detailing it is indexed
    ("Điều 15 Bộ luật Lao động nói gì?", "Bộ luật Lao động"),  # only cited by the decree
])
def test_an_article_of_a_law_not_indexed_is_not_the_decree_s_article(teacher_decree, question, law):
    """An API probe got the decree's own Điều 7 ("Thi tuyển nhà giáo") and Điều 15: a decree
    numbers its articles otherwise than the law it details or cites."""
    answer = teacher_decree.ask(question)
    assert answer.status == "out_of_scope" and law in answer.text and not answer.citations
    assert teacher_decree.ask("Điều 7 của Nghị định 93 quy định gì?").short_answer.text == "Thi tuyển nhà giáo"


@pytest.mark.parametrize("question, short", [
    ("Phần thi ngoại ngữ làm trong bao nhiêu phút?", "30 phút"),
    ("Phần thi kiến thức chung làm trong bao nhiêu phút?", "60 phút"),
])
def test_a_sentence_going_on_in_its_item_s_paragraph_is_read_under_the_item(teacher_decree, question, short):
    """"a) Phần I: Kiến thức chung, 60 câu hỏi … Thời gian thi 60 phút." and "b) Phần II: Ngoại
    ngữ, 30 câu hỏi … Thời gian thi 30 phút.": each time is its part's (an API probe got them
    swapped, 60 phút for the language part)."""
    assert teacher_decree.ask(question).short_answer.text == short


def test_rules_of_the_session_do_not_fire_where_they_should_not():
    """From a cold read: a day counted ("5 ngày, mỗi ngày 8 tiếng") is no date; an issuer's "và"
    and a one-digit day stay in a cited document; "quy định gì" (a verb) asks no document;
    "những điều nào" asks things, not a statute article; a range after a bound is whole."""
    from rag.answer.layout import ASKS_ARTICLE
    from rag.answer.span import find
    from rag.answer.span.names import cited_document

    assert find("Mỗi ngày tập huấn bao nhiêu tiếng?", "number",
                [("Lớp tập huấn kéo dài 5 ngày, mỗi ngày 8 tiếng.", 0)]).text == "8 tiếng"
    sentence = "Thực hiện Thông tư số 22/2021/TT-BGDĐT ngày 4/7/2021 của Bộ Giáo dục và Đào tạo về đánh giá học sinh."
    assert cited_document("Trường thực hiện theo văn bản nào?", [(sentence, 0)]).text == \
        "Thông tư số 22/2021/TT-BGDĐT ngày 4/7/2021 của Bộ Giáo dục và Đào tạo"
    assert cited_document("Luật Nhà giáo quy định gì về thi tuyển?", [(sentence, 0)]) is None
    assert not ASKS_ARTICLE.search("Nhà giáo không được làm những điều nào?")
    assert ASKS_ARTICLE.search("Việc thi tuyển được quy định tại điều nào?")
    assert find("Kỳ thi diễn ra bao nhiêu ngày?", "number",
                [("Kỳ thi diễn ra khoảng 3 đến 4 ngày.", 0)]).text == "khoảng 3 đến 4 ngày"


@pytest.mark.parametrize("question, province", [
    ("Trần Quốc Tuấn là Tỉnh ủy viên tỉnh nào?", "Lạng Sơn"),
    ("Trần Quốc Tuấn là Bí thư Đảng ủy Sở GDĐT tỉnh nào?", "Lạng Sơn"),
    ("Nguyễn Thị Bạch Vân là Tỉnh ủy viên tỉnh nào?", "Trà Vinh"),
])
def test_a_province_the_quote_does_not_name_is_the_articles_one(assistant, question, province):
    """An API probe: "… là Tỉnh ủy viên tỉnh nào?" got "Đại hội" (and her own name), as sure, and
    the Bí thư "tỉnh nào" was told "Các bài viết không nêu tỉnh" though the article is all about
    Lạng Sơn. The article's one province is the answer, cited where the article writes it."""
    answer = assistant.ask(question)
    assert answer.status == "answered" and answer.short_answer.text == province
    cited = answer.citations[answer.short_answer.citation - 1]
    assert cited.article_id == answer.citations[0].article_id and province in cited.quote
    assert cited.start <= answer.short_answer.start < answer.short_answer.end <= cited.end


def test_an_article_naming_several_provinces_gives_none_of_them():
    from rag.answer.support import province_written

    text = "SỞ GDĐT LẠNG SƠN\nĐoàn công tác của Sở GDĐT Lạng Sơn làm việc tại Lạng Sơn."
    assert province_written("Ông A là Tỉnh ủy viên tỉnh nào?", text) == (text.index("Lạng Sơn"),
                                                                         text.index("Lạng Sơn") + 8)
    assert province_written("Ông A là Tỉnh ủy viên tỉnh nào?", text + " Đoàn Cao Bằng dự.") is None
    assert province_written("Ông A giữ chức gì?", text) is None  # no province asked


def test_the_year_an_event_was_held_is_not_the_term_it_opened(assistant):
    """An API probe: "Đại hội Lạng Sơn diễn ra năm nào?" got "2020 – 2025", as sure, out of "…
    các chỉ tiêu quan trọng giai đoạn 2020 – 2025" ("hàng năm" had matched the asking "năm")."""
    answer = assistant.ask("Đại hội Lạng Sơn diễn ra năm nào?")
    assert answer.short_answer.text == "2020" and "21/5/2020" in answer.citations[0].quote
    # Where only a term is quoted, no short answer rather than the term.
    from rag.answer.span.dates import _date

    sentence = "Đại hội đã bầu 09 đồng chí vào Ban chấp hành nhiệm kỳ 2020-2025."
    assert _date(sentence, "Đại hội tổ chức vào năm nào?", []) is None
    assert _date(sentence, "Ban chấp hành được bầu cho nhiệm kỳ nào?", []) is not None


@pytest.mark.parametrize("question", [
    "Bà Hà Thị Khánh Vân trình bày báo cáo gì tại đại hội?",
    # A staff user's pass: a name typed in lower case, with or without marks, had been refused.
    "bà hà thị khánh vân trình bày báo cáo gì",
    "ba ha thi khanh van trinh bay bao cao gi",
])
def test_the_report_a_named_person_presented(assistant, question):
    """"… Báo cáo kết quả phiên trù bị; báo cáo chính trị và phương hướng nhiệm kỳ 2020-2025 do
    đồng chí Hà Thị Khánh Vân, … trình bày": asked which report she presented, hers, not the
    first one named (a staff user's pass got "Kết quả phiên trù bị", as sure)."""
    answer = assistant.ask(question)
    assert answer.short_answer.text == "báo cáo chính trị và phương hướng nhiệm kỳ 2020-2025"


def test_a_name_typed_in_lower_case_is_written_as_the_index_has_it():
    from rag.retrieve.spelling import _names_capitalised

    known = {"ha_thi_khanh_van": "hà_thị_khánh_vân", "ho_so": "hồ_sơ", "tran_van": "trần_văn"}
    assert _names_capitalised("bà hà thị khánh vân trình bày gì", lambda: known) == "bà Hà Thị Khánh Vân trình bày gì"
    # A word opening with a surname's syllable is no name, nor a name the index never has whole.
    assert _names_capitalised("hồ sơ gồm những gì", lambda: known) == "hồ sơ gồm những gì"
    assert _names_capitalised("ông trần văn hùng là ai", lambda: known) == "ông trần văn hùng là ai"


def test_every_example_question_of_the_chat_is_answered_from_its_article(assistant):
    """The chat's first screen offers questions made from the titles; a staff user's first click
    ("… hoàn thành xuất sắc nhiệm vụ năm 2020 như thế nào?") got a guess from another article."""
    from ui.render import example_questions

    titles = [row["title"] for row in assistant.refresh().store.list_articles()]
    examples = example_questions(titles, limit=len(titles))
    assert len(examples) >= 3
    for question in examples:
        answer = assistant.ask(question)
        assert answer.status == "answered" and answer.citations[0].title[:40] in question, question
        assert answer.short_answer is None or answer.short_answer.sure, question


@pytest.mark.parametrize("question", ["Ai chủ trì hội nghị cán bộ công chức Sở GDĐT Trà Vinh?",
                                      "Ai trình bày báo cáo tại hội nghị cán bộ công chức Trà Vinh?"])
def test_who_chaired_is_no_body_the_quote_names_for_something_else(assistant, question):
    """A staff user's pass and an API probe: "Ai chủ trì hội nghị …?" got "Có thể là: Sở Giáo dục
    và Đào tạo" out of "… Sở Giáo dục và Đào tạo Trà Vinh tổ chức Hội nghị …", and who presented
    a report "Chủ tịch". What only a person does there, the quote saying none did: no short answer."""
    answer = assistant.ask(question)
    assert answer.short_answer is None
    # Who organised it may be a body, which the sentence saying so names.
    assert assistant.ask("Ai tổ chức Hội nghị cán bộ, công chức năm 2021?").short_answer.text == \
        "Sở Giáo dục và Đào tạo Trà Vinh"


def test_a_working_session_asked_of_an_article_reporting_a_congress_is_not_answered(assistant):
    """An API probe: "Buổi làm việc với Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?" got the date
    of Lạng Sơn's congress, as sure; the working session is Kon Tum's."""
    refused = assistant.ask("Buổi làm việc với Đảng bộ Sở GDĐT Lạng Sơn diễn ra ngày nào?")
    assert refused.abstained and "Lạng Sơn" in refused.text
    answer = assistant.ask("Buổi làm việc của Ban Thường vụ Đảng ủy Khối với Đảng bộ Sở GDĐT diễn ra ngày nào?")
    assert answer.short_answer.text == "08 ngày 5 năm 2023"


@pytest.mark.parametrize("question, answered", [
    ("Trong giai đoạn 2020-2023, buổi làm việc giữa Ban Thường vụ Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum "
     "là ngày nào?", True),
    ("Trong giai đoạn 2015-2018, buổi làm việc giữa Ban Thường vụ Đảng ủy Khối và Đảng bộ Sở GDĐT Kon Tum "
     "là ngày nào?", False),
])
def test_a_window_of_years_holds_an_article_dated_in_it(assistant, question, answered):
    """An API probe: "Trong giai đoạn 2020-2023, …" was refused ("không có thông tin về giai đoạn
    2020-2023") though the session is dated 08/05/2023: a window the event falls in, not a period
    the article must name."""
    answer = assistant.ask(question)
    assert answer.abstained is not answered
    assert (answer.short_answer.text if answered else answer.note).startswith(
        "08 ngày 5 năm 2023" if answered else "Các bài viết tìm được không có thông tin về giai đoạn 2015-2018")


def test_a_document_named_by_its_code_is_dated_by_its_date(assistant):
    """An API probe: "Kết luận 01-KL/TW của Bộ Chính trị ngày bao nhiêu?" got no short answer,
    though the quote writes "Kết luận số 01-KL/TW ngày 18/5/2021": a "kết luận" is a document."""
    assert assistant.ask("Kết luận 01-KL/TW của Bộ Chính trị ngày bao nhiêu?").short_answer.text == "18/5/2021"


@pytest.mark.parametrize("question, verdict", [
    ("Có phải 150 đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn không?", "không"),
    ("Có phải 139 đảng viên dự Đại hội Đảng bộ Sở GDĐT Lạng Sơn không?", "có"),
])
def test_a_count_claimed_before_a_long_subject_is_settled(assistant, question, verdict):
    """An API probe: a claimed count followed by eleven words of what it counts got no verdict."""
    short = assistant.ask(question).short_answer
    assert (short.text, short.verdict) == ("139 đảng viên", verdict)


def test_an_award_named_with_a_quotation_is_given_whole(assistant):
    """A staff user's pass: "Đảng ủy Khối tặng bằng khen gì cho Đảng bộ Sở?" got "tổ chức cơ sở",
    as sure, cut at the "Đảng" the question also says."""
    assert assistant.ask("Đảng ủy Khối tặng bằng khen gì cho Đảng bộ Sở?").short_answer.text == \
        "tổ chức cơ sở Đảng “trong sạch, vững mạnh” tiêu biểu năm 2020"


def test_a_stretch_of_time_asked_from_when_to_when_is_given_whole(assistant):
    """A staff user's pass: "báo cáo đó tính từ khi nào đến khi nào?" got "Năm 2022", the end
    alone; the report covers "từ đầu nhiệm kỳ 2022-2025 đến hết năm 2022"."""
    answer = assistant.ask("báo cáo đó tính từ khi nào đến khi nào?", history=["Ai trình bày báo cáo tóm tắt?"])
    assert answer.short_answer.text == "từ đầu nhiệm kỳ 2022-2025 đến hết năm 2022"


def test_a_congress_of_another_term_is_what_is_missing_not_the_term(assistant):
    """A staff user's pass: the date of Lạng Sơn's 2015-2020 congress was rightly refused, but
    told "không có thông tin về nhiệm kỳ 2015-2020", which the article names twice."""
    answer = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2015-2020 diễn ra ngày nào?")
    assert answer.abstained and "không có thông tin về đại hội nhiệm kỳ 2015-2020" in answer.text
    other = assistant.ask("Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2025-2030 diễn ra ngày nào?")
    assert other.abstained and "không có thông tin về nhiệm kỳ 2025-2030" in other.text


def test_a_post_given_at_the_event_is_read_with_the_one_held(assistant):
    """A staff user's pass: "Hà Thị Khánh Vân giữ chức vụ gì?" got "Phó Giám đốc Sở GDĐT" alone,
    though the sentence goes on "… được bầu giữ chức Phó Bí thư Đảng bộ Sở, nhiệm kỳ 2020 – 2025"."""
    short = assistant.ask("Hà Thị Khánh Vân giữ chức vụ gì?").short_answer
    assert short.text == "Phó Giám đốc Sở GDĐT được bầu giữ chức Phó Bí thư Đảng bộ Sở" and short.holder == "Hà Thị Khánh Vân"
    # Posts with nothing given after them stay as written.
    assert assistant.ask("Nguyễn Thị Bạch Vân giữ chức vụ gì?").short_answer.text == "Tỉnh ủy viên, Giám đốc Sở GDĐT"


def test_the_noun_asked_by_is_no_answer():
    """An API probe: "… gặp những khó khăn, thách thức gì?" got "thách thức", as sure: the word
    standing at the question word's place in the quote was the question's own noun."""
    t = ("Theo báo cáo kết quả năm 2020, mặc dù trong bối cảnh tình hình có nhiều khó khăn, thách thức, nhất là ảnh "
         "hưởng của đại dịch covid-19 và tình hình mưa bão, lũ lụt kéo dài, Đảng ủy Khối đã tập trung lãnh đạo.")
    found = find("Năm 2020 Đảng ủy Khối gặp những khó khăn, thách thức gì?", None, [(t, 0)])
    assert found is None or "thách thức" not in found.text


@pytest.mark.parametrize("question, name, sure", [
    # "Tới dự và chỉ đạo đại hội có đồng chí Nguyễn Đức Thắng": he attended, no one is said to
    # have chaired (an API probe got him, as sure).
    ("Ai chủ trì Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025?", "Nguyễn Đức Thắng", False),
    # A speech written as someone's says who read it.
    ("Ai đọc diễn văn khai mạc Đại hội Đảng bộ Sở GDĐT Lạng Sơn?", "Trần Quốc Tuấn", True),
    ("Ai chủ trì Hội nghị sơ kết ở Sóc Trăng?", "Nguyễn Thị Tuyết Hà", True),
])
def test_who_did_a_persons_part_is_sure_only_where_the_quote_says_it(assistant, question, name, sure):
    short = assistant.ask(question).short_answer
    assert (short.text, short.sure) == (name, sure)


@pytest.mark.parametrize("question, note", [
    ("Sở GDĐT Trà Vinh có bao nhiêu Chiến sĩ thi đua cấp tỉnh?", "(cấp tỉnh)"),
    ("Có mấy tập thể Sở GDĐT Trà Vinh được Thủ tướng Chính phủ tặng bằng khen?", "(do Thủ tướng Chính phủ tặng)"),
    ("Bao nhiêu công chức Sở GDĐT Trà Vinh đã được Thủ tướng Chính phủ tặng bằng khen?",
     "(đã được Thủ tướng Chính phủ tặng)"),
])
def test_a_count_of_awards_qualified_otherwise_is_not_answered(assistant, question, note):
    """An API probe got "08" for "Chiến sĩ thi đua cấp tỉnh" (the article: "cấp cơ sở"), "3/6 tập
    thể" for those the Prime Minister awarded (the article: "Chủ tịch Ủy ban nhân dân tỉnh"), "01
    công chức" for one "đang trình Thủ tướng", all as sure."""
    answer = assistant.ask(question)
    assert answer.abstained and note in answer.text
    # As the article qualifies them, they are counted.
    assert assistant.ask("Có mấy tập thể Sở GDĐT Trà Vinh được Chủ tịch UBND tỉnh tặng bằng khen?").short_answer.text \
        == "3/6 tập thể"


@pytest.mark.parametrize("question, issuer, verdict", [
    ("Chỉ thị số 05-CT/TW ngày 15/5/2016 là của Ban Chấp hành Trung ương phải không?", "Bộ Chính trị", "không"),
    ("Chỉ thị số 05-CT/TW là của Bộ Chính trị phải không?", "Bộ Chính trị", "có"),
    ("Kết luận số 21-KL/TW là của Bộ Chính trị phải không?", "Ban Chấp hành Trung ương Đảng", "không"),
])
def test_whose_a_document_is_claimed_is_settled_by_its_issuer(assistant, question, issuer, verdict):
    """An API probe got "có" against "… Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị", and
    for Kết luận 21 a clause on Kết luận 01, which reads as a yes."""
    short = assistant.ask(question).short_answer
    assert (short.text, short.verdict, short.basis) == (issuer, verdict, "issuer")


def test_which_session_of_a_committee_is_its_number():
    """An API probe: "Nghị quyết số 29-NQ/TW là của Ban Chấp hành Trung ương Đảng khóa mấy?" got
    "2018", as sure, out of "… Nghị quyết số 29-NQ/TW ngày 4/11/2013 của BCH Trung ương Đảng khóa XI …"."""
    sentence = ("Tham luận về công tác tham mưu chỉ đạo thực hiện Nghị quyết số 29-NQ/TW ngày 4/11/2013 của BCH "
                "Trung ương Đảng khóa XI về đổi mới căn bản, toàn diện GD&ĐT giai đoạn 2013-2018.")
    found = find("Nghị quyết số 29-NQ/TW là của Ban Chấp hành Trung ương Đảng khóa mấy?", "number", [(sentence, 0)])
    assert found.text == "khóa XI"


def test_the_eighteenth_sessions_rules_leave_nearby_cases_alone():
    """From a cold read of the session's change: each rule's neighbours, which it had caught."""
    from rag.answer.chitchat import strip_preamble
    from rag.answer.question import count_typed
    from rag.answer.span.dates import _date
    from rag.answer.span.names import issuer_verdict, post_held
    from rag.answer.support import _qualified_otherwise, province_written
    from rag.followup import _as_name

    cited = [("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về học tập và làm theo.", 0)]
    # Whose something else is, asked of a document, is no claim about its issuer.
    assert issuer_verdict("Chỉ thị số 05-CT/TW có nhằm nâng cao chất lượng của đội ngũ không?", cited) is None
    assert issuer_verdict("Chỉ thị số 05-CT/TW có phải là của Bộ Chính trị không?", cited).verdict == "có"
    # A short preface naming a province or a document is what the question is about.
    for kept in ("Về Đại hội Đảng bộ Sở GDĐT Lạng Sơn, xin cho biết: đại hội diễn ra ngày nào?",
                 "Với Chỉ thị 05-CT/TW, xin cho biết: chỉ thị này của ai?"):
        assert strip_preamble(kept) == kept
    # "theo đề nghị của …" says who proposed an award given, not that it is pending.
    quote = "04 công chức được Chủ tịch UBND tỉnh tặng bằng khen theo đề nghị của Giám đốc Sở."
    assert _qualified_otherwise("Bao nhiêu công chức được Chủ tịch UBND tỉnh tặng bằng khen?",
                                ShortAnswer("04 công chức", 0, 12, "number"), quote, 0) is None
    # Stretches up to now or between dotted dates; a school year is a year asked.
    for question, sentence, short in [
            ("Báo cáo tính từ khi nào đến khi nào?", "Báo cáo kết quả từ năm 2020 đến nay.", "từ năm 2020 đến nay"),
            ("Đợt thi đua từ khi nào đến khi nào?", "Đợt thi đua từ ngày 01.3.2021 đến ngày 30.4.2021.",
             "từ ngày 01.3.2021 đến ngày 30.4.2021"),
            ("Hội thi được tổ chức năm nào?", "Trong năm học 2021-2022, Sở tổ chức Hội thi giáo viên.", "2021-2022")]:
        found = _date(sentence, question, [])
        assert sentence[found[0]:found[1]] == short
    # "Khóa XII" capitalised is a committee's number too.
    assert find("Ban Chấp hành Trung ương khóa mấy?", "number",
                [("Thực hiện Nghị quyết Trung ương 4 Khóa XII về xây dựng Đảng.", 0)]).text == "Khóa XII"
    # A post given that opens with "Ủ", and one ending before "và …".
    held = post_held("Lê Văn Hùng giữ chức vụ gì?", [("Đồng chí Lê Văn Hùng, Phó Giám đốc Sở được bầu giữ chức Ủy viên "
                                                     "Ban Thường vụ và các đồng chí khác.", 0)])
    assert held.text == "Phó Giám đốc Sở được bầu giữ chức Ủy viên Ban Thường vụ"
    assert count_typed("Hỏi: số đảng viên dự đại hội?") == "Hỏi: số đảng viên dự đại hội?"
    assert province_written("Ông A là Tỉnh ủy viên tỉnh nào?", "Vì hòa bình và hữu nghị giữa các dân tộc.") is None
    assert _as_name("Sở Giáo dục và Đào tạo (GDĐT)") == "Sở Giáo dục và Đào tạo (GDĐT)"
    assert _as_name("Đồng chí Trần Quốc Tuấn.") == "Trần Quốc Tuấn"


def test_the_items_a_plural_question_asks_are_all_given(assistant):
    """An API probe: "… đã thông qua những báo cáo nào?" got the first of the five the sentence
    lists after "các báo cáo:", one ";" item; a question asking for one ("… do chi bộ nào …?")
    still gets one."""
    short = assistant.ask("Hội nghị cán bộ, công chức Sở GDĐT Trà Vinh năm 2021 đã thông qua những báo cáo nào?"
                          ).short_answer
    assert short.text.startswith("báo cáo kết quả thực hiện Nghị quyết") and short.text.count(";") == 4
    assert short.text.endswith("của Ban Thanh tra nhân dân")


def test_a_slot_between_two_anchors_is_the_clause_the_answer_is_in():
    """An API probe: "… được đánh giá thế nào trong công tác phòng chống dịch Covid-19?" got "cao;
    chỉ đạo kịp thời, hiệu quả", across the ";" that ends the clause before."""
    sentence = ("Hoạt động giáo dục được cán bộ, đảng viên và nhân dân đánh giá cao; chỉ đạo kịp thời, hiệu quả trong "
                "công tác phòng chống dịch Covid-19 và bão lũ.")
    found = find("Đảng ủy Sở năm 2020 được đánh giá thế nào trong công tác phòng chống dịch Covid-19?", None,
                 [(sentence, 0)])
    assert found.text == "chỉ đạo kịp thời, hiệu quả"


def test_a_speech_is_said_in_either_word_order():
    """"Ai trình bày tóm tắt báo cáo …?" is said by "… Nguyễn Trọng Thắng … báo cáo tóm tắt kết
    quả …" (an API probe got the delegation's head, who chaired, as sure); the head is a guess."""
    from rag.answer.span.names import part_said

    question = "Ai trình bày tóm tắt báo cáo tại buổi làm việc với Ban Thường vụ Đảng ủy Khối năm 2023?"
    assert part_said(question, "Đồng chí Nguyễn Trọng Thắng, Phó Giám đốc Sở báo cáo tóm tắt kết quả lãnh đạo.")
    assert not part_said(question, "Ban Thường vụ do đồng chí Bùi Thái Trọng làm trưởng đoàn có buổi làm việc.")
    short = find(question, "person", [("Ban Thường vụ do đồng chí Bùi Thái Trọng làm trưởng đoàn có buổi làm việc.", 0)])
    assert short is None or not short.sure


def test_who_presented_is_read_from_the_sentence_saying_so(assistant):
    """An API probe: "Ai trình bày tóm tắt báo cáo tại buổi làm việc …?" got the delegation's head,
    named in the best-scoring sentence, as sure; the article's sentence saying who presented it
    names Nguyễn Trọng Thắng ("… báo cáo tóm tắt kết quả …")."""
    answer = assistant.ask("Ai trình bày tóm tắt báo cáo tại buổi làm việc với Ban Thường vụ Đảng ủy Khối năm 2023?")
    assert answer.short_answer.text == "Nguyễn Trọng Thắng" and "báo cáo tóm tắt" in answer.citations[0].quote


@pytest.mark.parametrize("question, start", [
    ("Nội dung buổi làm việc của Ban Thường vụ Đảng ủy Khối với Đảng bộ Sở GDĐT Kon Tum là gì?",
     "nắm bắt tình hình lãnh đạo, chỉ đạo"),
    ("Mục tiêu của Đại hội Đảng bộ Sở GDĐT Lạng Sơn nhiệm kỳ 2020-2025 là gì?", "đẩy mạnh tuyên truyền"),
])
def test_what_a_noun_asked_by_names_is_what_follows_it(assistant, question, start):
    """An API probe: "Nội dung buổi làm việc … là gì?" got the session's date, as a guess; the
    sentence says "…, nội dung của buổi làm việc nắm bắt tình hình lãnh đạo, chỉ đạo, …"."""
    assert assistant.ask(question).short_answer.text.startswith(start)
