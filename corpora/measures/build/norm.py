"""Due-date normaliser implementing corpora/measures/CONVENTIONS.md §1.3."""
import re, calendar
from datetime import date, timedelta
from dateutil.relativedelta import relativedelta

FW = str.maketrans('０１２３４５６７８９．', '0123456789.')
CNUM = {'〇': 0, '零': 0, '○': 0, 'Ｏ': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
        '六': 6, '七': 7, '八': 8, '九': 9}
FESTIVALS = {
    '春节': [date(2014, 1, 31), date(2015, 2, 19), date(2016, 2, 8)],
    '端午': [date(2014, 6, 2), date(2015, 6, 20)],
    '中秋': [date(2013, 9, 19), date(2014, 9, 8), date(2015, 9, 27)],
}
FIXED_FEST = {'元旦': (1, 1), '五一': (5, 1), '劳动节': (5, 1), '七一': (7, 1), '国庆': (10, 1)}


def n(s):
    """arabic or chinese number (<100) -> int"""
    s = s.translate(FW)
    if s.isdigit():
        return int(s)
    if s == '半':
        return 0.5
    if '十' in s:
        a, _, b = s.partition('十')
        return (CNUM[a] if a else 1) * 10 + (CNUM[b] if b else 0)
    if len(s) == 1:
        return CNUM[s]
    raise ValueError(s)


def year_of(s):
    s = s.translate(FW)
    if s.isdigit():
        return int(s)
    return int(''.join(str(CNUM[c]) for c in s))


def month_end(y, m):
    return date(y, m, calendar.monthrange(y, m)[1])


NUM = r'[0-9０-９一二两三四五六七八九十〇零○]+'
YEAR = r'(?:([0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年|(今年|明年|本年)(?:度)?)'
PRE = r'(?:之前|以前|前|内|以内|之内|止)?'


def _start(s, ref):
    """CONVENTIONS §1.5: a start date is the deadline — the day itself (“7月1日起” → 07-01), the first
    day of a month (“2014年4月起”, “明年1月起”) or of a year (“2015年起”, “明年起”); None when `s` is not one."""
    m = re.fullmatch(r'(?:自|从)?(?:' + YEAR + r')?(?:(' + NUM + r')月(?:份)?(?:(' + NUM + r')[日号])?)?(?:开始|起)(?:执行|施行|实行)?', s)
    if not m or not (m.group(1) or m.group(2) or m.group(3)):
        return None
    if m.group(1):
        y = year_of(m.group(1))
    elif m.group(2) == '明年':
        y = ref.year + 1
    else:
        y = ref.year
    if not m.group(3):
        return date(y, 1, 1)
    d = date(y, n(m.group(3)), n(m.group(4)) if m.group(4) else 1)
    if d < ref and not (m.group(1) or m.group(2)):
        d = date(y + 1, d.month, d.day)  # “3月1日起” written in September: next March
    return d


def due(span, ref):
    """return date or raise ValueError"""
    s = span.translate(FW).strip()
    start = _start(s, ref)
    if start is not None:
        return start
    # festivals
    m = re.fullmatch(r'(春节|元旦|五一|劳动节|七一|国庆节?|端午节?|中秋节?)(?:之前|前)', s)
    if m:
        f = m.group(1).rstrip('节') if m.group(1) not in ('春节', '劳动节') else m.group(1)
        if f in FESTIVALS:
            for d in FESTIVALS[f]:
                if d - timedelta(days=1) >= ref:
                    return d - timedelta(days=1)
            raise ValueError('festival table exhausted')
        mo, dy = FIXED_FEST[f]
        for y in (ref.year, ref.year + 1):
            d = date(y, mo, dy) - timedelta(days=1)
            if d >= ref:
                return d
    if re.fullmatch(r'(教育实践)?活动(基本)?结束(前|时)', s):
        if not (date(2014, 1, 1) <= ref <= date(2014, 9, 30)):
            raise ValueError('activity end only for 2nd batch')
        return date(2014, 9, 30)
    # relative durations
    m = re.fullmatch(r'(' + NUM + r'|半)(个)?(月|周|星期|天|日|工作日|年)(?:内|以内|之内)', s)
    if m:
        k, unit = n(m.group(1)), m.group(3)
        if unit == '月':
            if k == 0.5:
                return ref + timedelta(days=15)
            return ref + relativedelta(months=int(k))
        if unit == '年':
            return ref + relativedelta(months=int(k * 12))
        if unit in ('周', '星期'):
            return ref + timedelta(days=7 * int(k))
        if unit in ('天', '日'):
            return ref + timedelta(days=int(k))
        if unit == '工作日':
            d, left = ref, int(k)
            while left:
                d += timedelta(days=1)
                if d.weekday() < 5:
                    left -= 1
            return d
    if re.fullmatch(r'本月(底|末|内)' + PRE, s):
        return month_end(ref.year, ref.month)
    if re.fullmatch(r'下(个)?月(底|末)' + PRE, s):
        x = ref + relativedelta(months=1)
        return month_end(x.year, x.month)
    if re.fullmatch(r'本季度(末|内|底)?' + PRE, s):
        q = (ref.month - 1) // 3 + 1
        return month_end(ref.year, q * 3)
    # dotted 2014.6 / 2014.6.30
    m = re.fullmatch(r'(\d{4})\.(\d{1,2})(?:\.(\d{1,2}))?' + PRE, s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, int(m.group(3))) if m.group(3) else month_end(y, mo)
    # absolute with optional year
    m = re.fullmatch(YEAR + r'?(.*)', s)
    yr_txt, rel_txt, rest = m.group(1), m.group(2), m.group(3)
    explicit = True
    if yr_txt:
        y = year_of(yr_txt)
    elif rel_txt:
        y = ref.year + (1 if rel_txt == '明年' else 0)
    else:
        y, explicit = ref.year, False

    def build(y):
        r = rest
        if re.fullmatch(r'(年底|年末|年内|底|末|内|度|度内|全年|年度内)?' + PRE, r) and (r or explicit):
            return date(y, 12, 31)
        if re.fullmatch(r'(上半年|年中)' + PRE, r):
            return date(y, 6, 30)
        if re.fullmatch(r'下半年' + PRE, r):
            return date(y, 12, 31)
        mm = re.fullmatch(r'第?([一二三四1-4])季度(末|底|内)?' + PRE, r)
        if mm:
            return month_end(y, n(mm.group(1)) * 3)
        mm = re.fullmatch(r'(' + NUM + r')月(' + NUM + r')(日|号)' + PRE, r)
        if mm:
            return date(y, n(mm.group(1)), n(mm.group(2)))
        mm = re.fullmatch(r'(' + NUM + r')月(份)?(底|末|上旬|中旬|下旬)?(之前|以前|前|内|以内|之内|止)?', r)
        if mm:
            mo, part, suf = n(mm.group(1)), mm.group(3), mm.group(4)
            if part == '上旬':
                return date(y, mo, 10)
            if part == '中旬':
                return date(y, mo, 20)
            if part is None and not mm.group(2) and suf in ('前', '之前', '以前'):
                return date(y, mo, 1)  # "6月前" == "6月1日前"
            return month_end(y, mo)
        raise ValueError('unparsed: ' + span)

    d = build(y)
    if not explicit and d < ref:
        d = build(y + 1)
    return d


if __name__ == '__main__':
    R = date(2014, 3, 10)
    tests = {
        '2014年9月底前': '2014-09-30', '9月底前': '2014-09-30', '9月底': '2014-09-30', '9月份': '2014-09-30',
        '9月': '2014-09-30', '2014.9': '2014-09-30', '２０１４年９月': '2014-09-30', '二〇一四年十二月底前': '2014-12-31',
        '年底前': '2014-12-31', '年底': '2014-12-31', '年内': '2014-12-31', '今年内': '2014-12-31', '本年度内': '2014-12-31',
        '2014年': '2014-12-31', '2014年度': '2014-12-31', '2014年底': '2014-12-31', '2014年年底前': '2014-12-31',
        '9月30日前': '2014-09-30', '9月30日': '2014-09-30', '2014.9.30': '2014-09-30', '6月前': '2014-06-01',
        '6月上旬': '2014-06-10', '6月中旬': '2014-06-20', '6月下旬': '2014-06-30', '上半年': '2014-06-30',
        '年中': '2014-06-30', '下半年': '2014-12-31', '一季度末': '2014-03-31', '第二季度': '2014-06-30',
        '三季度末': '2014-09-30', '第四季度': '2014-12-31', '本月底': '2014-03-31', '下月底': '2014-04-30',
        '本季度内': '2014-03-31', '明年3月底前': '2015-03-31', '三个月内': '2014-06-10', '3个月内': '2014-06-10',
        '半年内': '2014-09-10', '一年内': '2015-03-10', '半个月内': '2014-03-25', '一周内': '2014-03-17',
        '两周内': '2014-03-24', '10日内': '2014-03-20', '10天内': '2014-03-20', '30个工作日内': '2014-04-21',
        '春节前': '2015-02-18', '国庆节前': '2014-09-30', '活动结束前': '2014-09-30', '7月1日前': '2014-07-01',
        '七一前': '2014-06-30', '元旦前': '2014-12-31', '五一前': '2014-04-30', '中秋节前': '2014-09-07',
        '端午节前': '2014-06-01', '2月底前': '2015-02-28', '二〇一五年一月': '2015-01-31', '十一月底前': '2014-11-30',
        '10月15日以前': '2014-10-15', '2014年第三季度末': '2014-09-30', '今年年底前': '2014-12-31',
        '二十个工作日内': '2014-04-07', '十五日内': '2014-03-25', '两个月内': '2014-05-10', '一个月内': '2014-04-10',
    }
    bad = 0
    for k, v in tests.items():
        try:
            got = due(k, R).isoformat()
        except Exception as e:
            got = 'ERR ' + str(e)
        if got != v:
            bad += 1
            print('FAIL', k, got, v)
    # other refs
    t2 = [('春节前', date(2013, 12, 5), '2014-01-30'), ('春节前', date(2014, 12, 20), '2015-02-18'),
          ('3月底前', date(2014, 10, 20), '2015-03-31'), ('上半年', date(2013, 11, 5), '2014-06-30'),
          ('一季度', date(2014, 4, 15), '2015-03-31'), ('元旦前', date(2013, 10, 8), '2013-12-31'),
          ('年底前', date(2013, 12, 5), '2013-12-31'), ('三个月内', date(2013, 11, 30), '2014-02-28'),
          ('一个月内', date(2014, 1, 31), '2014-02-28'), ('中秋节前', date(2014, 9, 20), '2015-09-26'),
          ('明年6月底前', date(2013, 11, 12), '2014-06-30'), ('15个工作日内', date(2014, 12, 26), '2015-01-16')]
    for k, r, v in t2:
        got = due(k, r).isoformat()
        if got != v:
            bad += 1
            print('FAIL', k, r, got, v)
    print('bad', bad)
