import json, re
PAT = {
 'recurring': r'每(?:天|日|周[一二三四五六日]?|旬|半月|月|两个月|双月|季度|季|半年|年度?|学期|学年)',
 'immediate': r'立行立改|即知即改|马上办|马上就办|立即|即日起|当即',
 'long_term': r'长期坚持|长期|持续推进|持续开展|常态化|常抓不懈|长抓不懈',
 'date': r'(?:\d{4}|[〇一二]{4}|[０-９]{4})年|\d{1,2}月|[一二三四五六七八九十]{1,2}月(?:底|份|中旬|上旬|下旬|\d)|年底|年内|上半年|下半年|季度|春节前|国庆|元旦前|五一前|七一前|个月内|周内|日内|天内|工作日内',
}
PRI = ['date', 'immediate', 'recurring', 'long_term']
src = json.load(open('/tmp/mwork/srcmap.json'))
for split in ('train', 'dev'):
    for line in open(f'/tmp/mwork/out/{split}.jsonl'):
        r = json.loads(line)
        t = r['text']; dl = r['deadline']
        # remove labelled span for scanning the rest
        rest = t.replace(dl['text'], '□', 1) if dl else t
        found = [k for k in PRI if re.search(PAT[k], rest)]
        if not found: continue
        cur = PRI.index(dl['kind']) if dl else 99
        higher = [k for k in found if PRI.index(k) < cur]
        if higher:
            print(r['id'], src[r['id']], dl and dl['kind'], higher, '|', t)
