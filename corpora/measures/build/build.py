import re, json, sys, glob, os
from datetime import date
from norm import due

KINDS = {'D': ('deadline', 'date'), 'I': ('deadline', 'immediate'), 'L': ('deadline', 'long_term'),
         'R': ('deadline', 'recurring'), 'P': ('owner', 'person'), 'O': ('owner', 'role'), 'U': ('owner', 'department')}
UNITS = {'县级领导机关', '县直部门', '乡镇', '街道社区', '村党支部', '窗口单位', '执法监管部门', '高校', '医院', '国有企业'}
DOCS = {'整改方案', '个人整改措施', '专项整治方案', '制度建设计划', '回头看自查报告', '对照检查材料'}
MARK = re.compile(r'\{([DILRPOU]):([^{}@]+?)(?:@(\d{4}-\d{2}-\d{2}))?\}')


def parse_file(path):
    items, doc, errs = [], None, []
    for ln, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        if line.startswith('@doc'):
            doc = dict(kv.split('=', 1) for kv in line.split()[1:])
            assert doc['unit'] in UNITS, (path, ln, doc)
            assert doc['type'] in DOCS, (path, ln, doc)
            assert doc['voice'] in ('领导班子', '个人'), (path, ln)
            doc['ref'] = date.fromisoformat(doc['ref'])
            continue
        flag, raw = line[0], line[2:].strip()
        if flag not in 'CH' or line[1] != ' ':
            errs.append(f'{path}:{ln}: bad flag'); continue
        text, dl, ow, pos = '', None, None, 0
        for m in MARK.finditer(raw):
            text += raw[pos:m.start()]
            code, span, assert_due = m.groups()
            field, kind = KINDS[code]
            start = len(text)
            text += span
            pos = m.end()
            if field == 'deadline':
                if dl: errs.append(f'{path}:{ln}: two deadlines')
                d = None
                if kind == 'date':
                    try:
                        d = due(span, doc['ref']).isoformat()
                    except Exception as e:
                        errs.append(f'{path}:{ln}: {e}')
                    if assert_due and d != assert_due:
                        errs.append(f'{path}:{ln}: due {d} != asserted {assert_due}')
                    if d and d < doc['ref'].isoformat():
                        errs.append(f'{path}:{ln}: due {d} before ref')
                dl = {'text': span, 'kind': kind, 'due': d, '_start': start}
            else:
                if ow: errs.append(f'{path}:{ln}: two owners')
                ow = {'text': span, 'kind': kind, '_start': start}
        text += raw[pos:]
        if '{' in text or '}' in text:
            errs.append(f'{path}:{ln}: stray brace')
        for x in (dl, ow):
            if x and text.find(x['text']) != x.pop('_start'):
                print(f'WARN {path}:{ln}: span "{x["text"]}" not first occurrence', file=sys.stderr)
        items.append({'ref_date': doc['ref'].isoformat(), 'text': text, 'deadline': dl, 'owner': ow,
                      'hollow': flag == 'H', 'voice': doc['voice'], 'unit_type': doc['unit'],
                      'doc_type': doc['type'], '_src': f'{os.path.basename(path)}:{ln}'})
    return items, errs


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '/work/main/corpora/measures'
    allerr, n = [], 0
    splits = {}
    for split in ('train', 'dev'):
        rows = []
        for p in sorted(glob.glob(f'/tmp/mwork/batches/{split}_*.txt')):
            items, errs = parse_file(p)
            allerr += errs
            rows += items
        splits[split] = rows
    seen = {}
    for split in ('train', 'dev'):
        for r in splits[split]:
            if r['text'] in seen:
                allerr.append(f"exact dup text {r['_src']} / {seen[r['text']]}")
            seen[r['text']] = r['_src']
    for e in allerr:
        print('ERR', e)
    if allerr:
        sys.exit(1)
    srcmap = {}
    for split in ('train', 'dev'):
        with open(f'{out}/{split}.jsonl', 'w', encoding='utf-8') as f:
            for r in splits[split]:
                n += 1
                rid = f'm-{n:04d}'
                srcmap[rid] = r.pop('_src')
                f.write(json.dumps({'id': rid, **r}, ensure_ascii=False) + '\n')
        print(split, len(splits[split]))
    json.dump(srcmap, open('/tmp/mwork/srcmap.json', 'w'), ensure_ascii=False, indent=0)


if __name__ == '__main__':
    main()
