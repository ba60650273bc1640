"""Compose batch files from hand-written cores + decoration pools. Output uses the same markup as batches."""
import random, re, sys
from datetime import date, timedelta
sys.path.insert(0, '/tmp/mwork')
from norm import due

TRIG = re.compile(r'每[天日周旬月季年半两双学]|立即|立行立改|即日起|即知即改|长期|持续推进|常态化|常抓不懈|月底|年底|年内|季度|[0-9一二三四五六七八九十]月|前完成|日前')

DEPTS = {
 '县级领导机关': ['县委办', '县政府办', '县委办公室', '县政府办公室', '县委督查室', '县委教育实践活动办'],
 '县直部门': ['局办公室', '局党组', '办公室', '局机关党委'],
 '乡镇': ['镇党政办', '镇党委', '乡党政办', '镇政府', '乡党委'],
 '街道社区': ['街道党政办', '社区居委会', '社区党委', '街道党工委', '社区党总支'],
 '村党支部': ['村党支部', '村两委', '村委会'],
 '窗口单位': ['中心办公室', '综合科', '中心管理办', '中心党支部'],
 '执法监管部门': ['局办公室', '局党委', '政治处', '办公室'],
 '高校': ['校长办公室', '党政办公室', '党委办公室'],
 '医院': ['院办公室', '医院办公室', '院党委'],
 '国有企业': ['综合管理部', '总经理办公室', '党委办公室', '公司办公室'],
}
ROLES = {
 '县级领导机关': ['分管副县长', '县委书记', '县长', '常务副县长', '县委副书记'],
 '县直部门': ['局长', '分管副局长', '局党组书记'],
 '乡镇': ['镇党委书记', '镇长', '分管副镇长', '乡长', '乡党委书记'],
 '街道社区': ['街道党工委书记', '街道办主任', '社区党委书记', '社区主任'],
 '村党支部': ['村党支部书记', '村主任', '第一书记', '支部书记'],
 '窗口单位': ['中心主任', '中心副主任', '分管副主任'],
 '执法监管部门': ['局长', '分管副局长', '政委'],
 '高校': ['校长', '党委书记', '分管副校长', '分管校领导'],
 '医院': ['院长', '分管副院长', '党委书记'],
 '国有企业': ['总经理', '党委书记', '分管副总经理', '董事长'],
}
SURN = list('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤')
MASK = ['××', '××', '某某', '某', '××', '×']


def person(rng):
    return rng.choice(SURN) + rng.choice(MASK)


def date_pool(ref):
    """(span, needs_finish_verb) candidate date expressions valid for ref"""
    y = ref.year
    c = []
    for m in range(1, 13):
        c += [f'{m}月底前', f'{m}月底', f'{y}年{m}月底前', f'{m}月份', f'{m}月30日前' if m != 2 else '2月28日前',
              f'{y}年{m}月', f'{m}月中旬', f'{m}月15日前', f'{y}.{m}', f'{y}年{m}月{[0,31,28,31,30,31,30,31,31,30,31,30,31][m]}日前']
    cn = '〇一二三四五六七八九'
    yc = ''.join(cn[int(d)] for d in str(y))
    mc = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']
    for m in range(1, 13):
        c += [f'{yc}年{mc[m]}月底前', f'{mc[m]}月底前']
    fw = str.maketrans('0123456789', '０１２３４５６７８９')
    for m in range(1, 13):
        c.append(f'{y}年{m}月'.translate(fw))
    c += ['年底前', '年底', '年内', '今年内', '本年度内', f'{y}年底前', f'{y}年年底', '上半年', '下半年', '年中',
          '一季度末', '第二季度', '三季度末', '第四季度', '第三季度末前', '本月底', '下月底', '本季度内',
          '一个月内', '两个月内', '三个月内', '3个月内', '半年内', '半个月内', '一周内', '两周内', '10日内', '15天内',
          '20个工作日内', '30个工作日内', '春节前', '国庆节前', '元旦前', '五一前', '七一前', '明年3月底前', '明年上半年']
    ok = []
    for s in c:
        try:
            d = due(s, ref)
        except Exception:
            continue
        lim = 420 if re.match(r'^([0-9０-９]{4}|[〇一二]{4}|明年)', s) else 240
        if d >= ref and (d - ref).days <= lim:
            ok.append(s)
    return ok


IMM = ['立行立改', '即知即改', '立即', '即日起', '马上办', '立即整改', '马上就办']
LONG = ['长期坚持', '长期', '持续推进', '常态化', '长抓不懈', '常抓不懈', '持续开展']
REC = ['每月', '每季度', '每半年', '每年', '每周', '每两个月', '每学期', '每季度末', '每月5日前', '每年至少两次']


def deco(rng, core, unit, voice, want_dl, want_ow, hollow):
    """return marked-up text"""
    dl = ow = None
    if want_dl:
        k = rng.choices(['D', 'I', 'L', 'R'], [0.55, 0.13, 0.17, 0.15])[0]
        if hollow and k == 'R':
            k = 'L'
        if k == 'R' and unit not in ('高校',):
            pool = [r for r in REC if r != '每学期']
        else:
            pool = {'I': IMM, 'L': LONG, 'R': REC}.get(k)
        dl = (k, rng.choice(pool) if k != 'D' else None)
    if want_ow:
        k = rng.choices(['U', 'O', 'P'], [0.45, 0.3, 0.25])[0] if voice is False or not voice else 'P'
        name = {'U': lambda: rng.choice(DEPTS[unit]), 'O': lambda: rng.choice(ROLES[unit]), 'P': lambda: person(rng)}[k]()
        ow = (k, name)
    return dl, ow


HOLLOW=[False]
def render(rng, core, dl, ow, ref, unit):
    """choose a surface template"""
    # deadline phrase
    dls = own = None
    if dl:
        k, s = dl
        if k == 'D':
            s = rng.choice(date_pool(ref))
        dls = (k, s)
    core = core.rstrip('。')
    def D(tag=True):
        return '{%s:%s}' % dls if dls else ''
    def O():
        return '{%s:%s}' % own if own else ''
    if ow:
        own = ow
    forms = []
    if dls and own:
        k, s = dls
        if k == 'D':
            forms += [f'{core}，{D()}完成。（责任单位：{O()}）' if own[0] == 'U' else f'{core}，{D()}完成。（责任领导：{O()}）' if own[0] == 'O' else f'{core}，{D()}完成。（责任人：{O()}）',
                      f'{core}。责任人：{O()}；完成时限：{D()}。' if own[0] != 'U' else f'{core}。责任单位：{O()}；完成时限：{D()}。',
                      f'{core}（{O()}，{D()}）',
                      ] + ([] if HOLLOW[0] else [f'由{O()}负责，{D()}{core}。' if own[0] != 'P' else f'由{O()}同志负责，{D()}{core}。',

                      f'{core}｜{O()}｜{D()}',
                      f'{O()}牵头，{D()}{core}。' if own[0] == 'U' else f'{core}，{D()}到位，{O()}负总责。'])
        elif k == 'R':
            forms += [f'{core}，落实情况{D()}检查一次。责任单位：{O()}。' if own[0] == 'U' else f'{core}，落实情况{D()}检查一次。责任人：{O()}。',
                      f'{core}｜{O()}｜{D()}',
                      f'{core}，{D()}通报进展，由{O()}负责。']
        else:
            forms += [f'{core}。责任领导：{O()}；完成时限：{D()}。' if own[0] != 'U' else f'{core}。牵头单位：{O()}；完成时限：{D()}。',
                      f'{core}，{D()}。（{O()}）',
                      f'{core}｜{O()}｜{D()}',
                      f'{O()}负总责，{core}，{D()}。' if own[0] == 'O' else f'{core}，{D()}，由{O()}具体负责。']
    elif dls:
        k, s = dls
        if k == 'D':
            forms += [f'{core}，{D()}完成。', f'{core}。完成时限：{D()}。']
            if not HOLLOW[0]:
                forms += [f'{D()}{core}。', f'{core}，力争{D()}全部到位。', f'于{D()}{core}。']
        elif k == 'R':
            forms += [f'{core}，{D()}通报一次进展。' if s in ('每月','每季度','每半年','每年','每周','每两个月','每学期') else f'{core}，{D()}报送一次进展。', f'{core}，落实情况{D()}检查一次。']
        elif k == 'I':
            forms += [f'{D()}{core}。' if s in ('立即', '即日起') else f'{core}，{D()}。', f'{core}。完成时限：{D()}。']
        else:
            forms += [f'{core}，{D()}。', f'{core}。完成时限：{D()}。']
    elif own:
        forms += [f'{core}。责任单位：{O()}。' if own[0] == 'U' else f'{core}。责任人：{O()}。',
                  (f'由{O()}负责{core}。' if not HOLLOW[0] else f'{core}。牵头单位：{O()}。') if own[0] == 'U' else f'{core}，{O()}负总责。' if own[0] == 'O' else f'{core}。（责任人：{O()}）',
                  f'{core}（{O()}）']
    else:
        forms += [f'{core}。']
    if dls and dls[0] == 'D' and re.match(r'^\d{4}\.', dls[1]):
        forms = [f for f in forms if '｜' in f or '时限：' in f] or [f'{core}。完成时限：{D()}。']
    return rng.choice(forms)


SEEN=set()
def main(split, seed, refs, out_prefix, per_core):
    rng = random.Random(seed)
    unit, cores = None, []
    for line in open(f'/tmp/mwork/cores/{split}.txt', encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        if line.startswith('='):
            unit = line[1:]
            continue
        tag, core = line[0], line[2:]
        if TRIG.search(core):
            print('TRIGGER in core:', core, file=sys.stderr)
        cores.append((unit, tag, core))
    docs = {}
    for rep in range(per_core):
        for unit, tag, core in cores:
            personal = tag in 'PQ'
            hollow = tag in 'HQ'
            key = (unit, personal, rep)
            docs.setdefault(key, []).append((tag, core, hollow, personal))
    lines = []
    teamtypes = ['整改方案', '整改方案', '整改方案', '专项整治方案', '回头看自查报告']
    pertypes = ['个人整改措施', '个人整改措施', '对照检查材料']
    for (unit, personal, rep), items in docs.items():
        rng.shuffle(items)
        # split into docs of 4-8
        i = 0
        while i < len(items):
            chunk = items[i:i + rng.randint(4, 8)]
            i += len(chunk)
            dt = rng.choice(pertypes if personal else teamtypes)
            if dt == '回头看自查报告':
                ref = rng.choice([r for r in refs if r >= date(2014, 7, 1)] or refs)
            else:
                ref = rng.choice(refs)
            lines.append(f'@doc ref={ref.isoformat()} voice={"个人" if personal else "领导班子"} unit={unit} type={dt}')
            for tag, core, hollow, pers in chunk:
                if dt == '对照检查材料':
                    p_dl, p_ow = 0.2, 0.0
                elif pers:
                    p_dl, p_ow = 0.6, 0.08
                else:
                    p_dl, p_ow = (0.55, 0.8) if not hollow else (0.45, 0.6)
                want_dl, want_ow = rng.random() < p_dl, rng.random() < p_ow
                dl, ow = deco(rng, core, unit, pers, want_dl, want_ow, hollow)
                HOLLOW[0] = hollow
                for _try in range(20):
                    if 'LONGBAN' and dl and dl[1] and dl[1].startswith('长期') and '长期' in core:
                        dl = ('L', '持续推进')
                    txt = render(rng, core, dl, ow, ref, unit)
                    if txt not in SEEN:
                        break
                    dl, ow = deco(rng, core, unit, pers, True, not pers, hollow)
                SEEN.add(txt)
                lines.append(('H ' if hollow else 'C ') + txt)
    open(out_prefix, 'w', encoding='utf-8').write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    split, seed, out, per = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    lo, hi = date(2013, 10, 8), date(2015, 3, 25)
    rng = random.Random(seed + 1)
    refs = sorted({lo + timedelta(days=rng.randint(0, (hi - lo).days)) for _ in range(60)})
    main(split, seed, refs, out, per)
