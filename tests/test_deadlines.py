"""Deadline detection and normalisation (domain.md §6, corpora/measures/CONVENTIONS.md §1)."""

import pytest

from classifiers.deadlines import find_deadline, find_deadlines

REF = "2014-03-10"


@pytest.mark.parametrize("text, span, kind, due", [
    ("于2014年9月底前完成清理", "2014年9月底前", "date", "2014-09-30"),
    ("力争年底前全部整改到位", "年底前", "date", "2014-12-31"),
    ("三个月内完成清理", "三个月内", "date", "2014-06-10"),
    ("二〇一四年十二月底前出台办法", "二〇一四年十二月底前", "date", "2014-12-31"),
    ("２０１４年１０月完成", "２０１４年１０月", "date", "2014-10-31"),
    ("9月30日前报送", "9月30日前", "date", "2014-09-30"),
    ("7月1日前完成", "7月1日前", "date", "2014-07-01"),
    ("七一前完成", "七一前", "date", "2014-06-30"),
    ("春节前完成走访", "春节前", "date", "2015-02-18"),
    ("上半年完成", "上半年", "date", "2014-06-30"),
    ("第三季度末完成", "第三季度末", "date", "2014-09-30"),
    ("30个工作日内完成", "30个工作日内", "date", "2014-04-21"),
    ("2月底前完成", "2月底前", "date", "2015-02-28"),
    ("明年3月底前完成", "明年3月底前", "date", "2015-03-31"),
    ("2014.6完成", "2014.6", "date", "2014-06-30"),
    ("立行立改，长期坚持", "立行立改", "immediate", None),
    ("每年至少两次到联系点调研", "每年至少两次", "recurring", None),
    ("每月通报一次，长期坚持", "每月", "recurring", None),
    ("常态化开展明察暗访", "常态化", "long_term", None),
    ("10月底前完成摸底，12月底前全部清退", "12月底前", "date", "2014-12-31"),
    ("2014年6月底前完成，并长期坚持", "2014年6月底前", "date", "2014-06-30"),
])
def test_deadlines(text, span, kind, due):
    found = find_deadline(text, REF)
    assert found is not None
    assert (found.text, found.kind, found.due) == (span, kind, due)
    assert text[found.start:found.end] == span


@pytest.mark.parametrize("text", [
    "2013年以来共召开会议87次，严格控制会议数量",
    "依据群办发〔2014〕14号文件精神，学习十八届三中全会和中央八项规定",
    "三公经费比2013年下降15%，讲话不超过15分钟",
    "承诺件5个工作日内办结，即办件当场办结",
    "每年对同一企业的检查不超过1次",
    "定期开展检查，及时整改，建立长效机制",
    "长期借用下属单位车辆的问题已清理",
    "已于2013年12月腾退办公用房3间",
])
def test_things_that_are_not_deadlines(text):
    assert find_deadline(text, REF) is None


def test_without_reference_date_relative_dates_have_no_due():
    found = find_deadline("三个月内完成清理", None)
    assert found is None or found.due is None
    assert find_deadline("2014年9月底前完成", None).due == "2014-09-30"


@pytest.mark.parametrize("text, span, due", [
    ("自2014年4月起实行，切实转变作风", "2014年4月起", "2014-04-01"),
    ("交警大队对违章停车实行首违警告，10月1日起执行。", "10月1日起", "2014-10-01"),
    ("医院食堂不再设院领导小灶，2015年起纳入工资统一发放。", "2015年起", "2015-01-01"),
    ("明年1月起实行一次告诫、两次调岗。", "明年1月起", "2015-01-01"),
    ("对群众投诉的案件逐一复查，限期三个月复查完毕。", "限期三个月", "2014-06-10"),
    ("年底前完成一半，次年6月底前全部完成。", "次年6月底前", "2015-06-30"),
])
def test_start_dates_periods_and_the_later_of_two_dates(text, span, due):
    found = find_deadline(text, REF)
    assert found is not None and (found.text, found.kind, found.due) == (span, "date", due)


def test_start_date_already_past_and_festival_recurrence():
    assert find_deadline("自2013年7月15日起，一律不得新建楼堂馆所", REF) is None
    found = find_deadline("每逢春节、中秋等节点，纪委提前发文重申纪律要求", REF)
    assert found is not None and (found.text, found.kind) == ("每逢春节", "recurring")


@pytest.mark.parametrize("text,expected", [
    ("学习原则上一周安排一次集中学习，时间定为星期五下午。", "一周安排一次"),
    ("报账实行一月一结制度，必须使用公务卡消费。", "一月一结"),
    ("班子成员一年两次到联系点蹲点。", "一年两次"),
    ("一年来，我们坚持问题导向。", None),
])
def test_a_count_per_period_without_mei_is_recurring(text, expected):
    found = find_deadlines(text, "2014-05-01")
    assert ([d.text for d in found] or [None])[0] == expected
    assert all(d.kind == "recurring" for d in found)


def test_a_quoted_holiday_is_a_festival_deadline_and_a_month_is_not_one():
    import datetime as dt

    ref = dt.date(2018, 9, 18)
    found = find_deadline("争取“十一”之前，在网站对整改结果公示完毕。", ref)
    assert (found.text, found.kind, str(found.due)) == ("“十一”之前", "date", "2018-09-30")
    assert str(find_deadline("“五一”前完成清理。", ref).due) == "2019-04-30"
    assert find_deadline("十一月前完成。", ref).text == "十一月前"        # a month, not the holiday


def test_month_by_month_reporting_is_recurring():
    found = find_deadline("台账资料留存备查，逐月汇总。")
    assert (found.text, found.kind) == ("逐月汇总", "recurring")


def test_a_start_in_the_month_the_plan_is_dated_is_not_past():
    # a plan dated 7月8日 whose rule applies “2014年7月起” starts it this month
    found = find_deadline("业务招待一律在职工餐厅安排。完成时限：2014年7月起执行", "2014-07-08")
    assert found is not None and found.text == "2014年7月起" and found.due == "2014-07-01"
    assert find_deadline("业务招待一律在职工餐厅安排，2014年5月起执行", "2014-07-08") is None


def test_a_date_inside_a_documents_title_is_not_the_deadline():
    text = "印发《关于2020年公办幼儿园建设进展情况的通报》，督促各地加快项目实施进度。"
    assert find_deadline(text, "2020-09-01") is None


@pytest.mark.parametrize("text,expected", [
    ("要加强督导，以常态化督导提升边巡边改效果。", None),
    ("建立健全巡察整改常态化长效化机制。", None),
    ("对局机关“四风”问题常态化开展监督检查。", "常态化"),
    ("3 | 推进数字化城市管理平台建设 | 市城管局 | 常态工作", "常态工作"),
])
def test_changtaihua_as_a_modifier_is_no_deadline(text, expected):
    found = find_deadline(text, REF)
    assert (found.text if found else None) == expected


def test_spaces_inside_a_pdfs_date_are_read_past():
    found = find_deadline("加快老旧小区改造，确保 9 月 20 日前完工。", "2013-06-01")
    assert found is not None and found.text == "9 月 20 日前" and found.due == "2013-09-20"
