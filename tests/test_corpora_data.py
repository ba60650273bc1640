"""Schema and provenance checks for the domain data in ``corpora/``.

Every quote attributed to a seed notice must be an exact substring of that seed
(``../shared/seeds/`` relative to the repository root).
"""
from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
CHECKLISTS = CORPORA / "checklists"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

LABELS = ["形式主义", "官僚主义", "享乐主义", "奢靡之风"]
DOC_TYPES = {"对照检查材料", "整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告"}
PLAN_TYPES = {"整改方案", "个人整改措施", "专项整治方案", "制度建设计划", "回头看自查报告"}
SCOPES = {"班子", "个人"}
REQUIRES = {
    "measures_have_deadline_share",
    "measures_have_owner_share",
    "problems_have_measures_share",
    "six_explanations",
    "root_cause_dimensions",
    "problems_focused_share",
    "measures_concrete_share",
}
FLAG_CODES = [
    "unfocused",
    "hollow_measures",
    "missing_deadline",
    "missing_owner",
    "problems_without_measures",
    "missing_six_explanations",
    "missing_root_cause",
    "duplicate_of",
    "needs_ocr",
    "parse_error",
    "structure_unrecognised",
]
TECHNICAL_FLAGS = {"needs_ocr", "parse_error", "structure_unrecognised"}
EXPECTED_CHECKLISTS = {
    "shanghai_liukan",
    "central_huitoukan_team",
    "central_huitoukan_grassroots",
    "central_huitoukan_member",
    "duizhao_jiancha",
    "zhenggai_fangan",
    "zhuanxiang_zhengzhi",
    "zhidu_jianshe",
}
SIX = ["“三公”经费支出", "职务消费", "人情消费", "公务用车", "办公用房和住房", "家属子女从业"]
FOUR = ["理想信念", "宗旨意识", "党性修养", "政治纪律"]

ID_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------- helpers

def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


_SEED_CACHE: dict[str, str] = {}


def seed_text(name: str) -> str:
    if not SEEDS.is_dir():
        # A user's clone has no ../shared beside it; CI has, and verifies every quotation there.
        pytest.skip(f"seed notices not present at {SEEDS}: quotations cannot be verified in this checkout")
    if name not in _SEED_CACHE:
        path = SEEDS / name
        assert path.is_file(), f"unknown seed file {name!r}"
        _SEED_CACHE[name] = path.read_text(encoding="utf-8")
    return _SEED_CACHE[name]


def assert_quote(file: str, quote: str, where: str) -> None:
    assert isinstance(file, str) and file, f"{where}: missing seed file name"
    assert isinstance(quote, str) and quote.strip(), f"{where}: empty quote"
    assert quote in seed_text(file), f"{where}: quote not found verbatim in {file}: {quote!r}"


def assert_citations(cites, where: str, allow_empty: bool = False) -> None:
    if isinstance(cites, dict):
        cites = [cites]
    assert isinstance(cites, list), f"{where}: citations must be a mapping or a list"
    if not allow_empty:
        assert cites, f"{where}: needs at least one seed citation"
    for i, c in enumerate(cites):
        assert set(c) >= {"file", "quote"}, f"{where}[{i}]: citation needs file and quote"
        assert_quote(c["file"], c["quote"], f"{where}[{i}]")


def assert_str_list(value, where: str, min_len: int = 1, max_len: int | None = None) -> None:
    assert isinstance(value, list), f"{where}: must be a list"
    assert len(value) >= min_len, f"{where}: needs at least {min_len} entries"
    if max_len is not None:
        assert len(value) <= max_len, f"{where}: at most {max_len} entries, got {len(value)}"
    for v in value:
        assert isinstance(v, str) and v.strip() == v and v, f"{where}: bad entry {v!r}"
    dups = {v for v in value if value.count(v) > 1}
    assert not dups, f"{where}: duplicate entries {sorted(dups)}"


def assert_share(value, where: str) -> None:
    assert isinstance(value, (int, float)) and not isinstance(value, bool), f"{where}: not a number"
    assert 0.0 <= value <= 1.0, f"{where}: {value} outside [0, 1]"


def all_yaml_files():
    # the domain-knowledge files only; corpora/ subfolders other than checklists/
    # (e.g. labelled corpora) have their own formats and validators
    return sorted(CORPORA.glob("*.y*ml")) + sorted(CHECKLISTS.glob("*.y*ml"))


# ---------------------------------------------------------------- generic

def test_seeds_present():
    if not SEEDS.is_dir() and os.environ.get("CI") != "true":
        pytest.skip(f"seed notices not present at {SEEDS} (a clone without ../shared)")
    assert SEEDS.is_dir(), f"seed directory missing: {SEEDS}"
    assert len(list(SEEDS.glob("*.txt"))) == 5


@pytest.mark.parametrize("path", all_yaml_files(), ids=lambda p: str(p.relative_to(CORPORA)))
def test_yaml_loads(path):
    data = _load(path)
    assert isinstance(data, dict) and data, f"{path} must be a non-empty mapping"


def test_expected_files_present():
    for name in ("taxonomy.yaml", "requirements.yaml", "flags.yaml", "sections.yaml"):
        assert (CORPORA / name).is_file(), name
    present = {p.stem for p in CHECKLISTS.glob("*.yaml")}
    assert EXPECTED_CHECKLISTS <= present, f"missing checklists: {EXPECTED_CHECKLISTS - present}"


# ---------------------------------------------------------------- taxonomy

@pytest.fixture(scope="module")
def taxonomy():
    return _load(CORPORA / "taxonomy.yaml")


def test_taxonomy_labels_order(taxonomy):
    assert taxonomy["labels"] == LABELS
    assert [s["label"] for s in taxonomy["styles"]] == LABELS


def test_taxonomy_styles(taxonomy):
    ids = set()
    for style in taxonomy["styles"]:
        where = style["label"]
        for key in ("id", "definition", "sources", "subcategories"):
            assert key in style, f"{where}: missing {key}"
        assert ID_RE.match(style["id"]), f"{where}: bad id {style['id']!r}"
        assert CJK_RE.search(style["definition"]), f"{where}: definition must be Chinese"
        assert_citations(style["sources"], f"{where}.sources")
        assert len(style["subcategories"]) >= 5, f"{where}: too few subcategories"
        for sub in style["subcategories"]:
            sw = f"{where}/{sub.get('id')}"
            for key in ("id", "name", "description", "sources", "cues"):
                assert key in sub, f"{sw}: missing {key}"
            assert ID_RE.match(sub["id"]), f"{sw}: id must be ascii snake_case"
            assert sub["id"] not in ids, f"{sw}: duplicate subcategory id"
            ids.add(sub["id"])
            assert CJK_RE.search(sub["name"]) and CJK_RE.search(sub["description"]), sw
            assert_citations(sub["sources"], f"{sw}.sources")
            assert_str_list(sub["cues"], f"{sw}.cues", min_len=5, max_len=25)
            for cue in sub["cues"]:
                assert len(cue) <= 16, f"{sw}: cue too long: {cue!r}"
                assert len(cue) >= 2, f"{sw}: cue too short: {cue!r}"
            # a cue must not be one of the exhortation/negation markers
            markers = set(taxonomy["negation_cues"]) | set(taxonomy["non_problem_cues"])
            assert not markers & set(sub["cues"]), f"{sw}: cue is also a non-problem marker"


def test_taxonomy_expected_subcategories(taxonomy):
    names = {s["label"]: " ".join(sub["name"] for sub in s["subcategories"]) for s in taxonomy["styles"]}
    for label, needles in {
        "形式主义": ["文山会海", "检查评比", "学用脱节", "弄虚作假", "形象工程", "调研", "纸上整改"],
        "官僚主义": ["脱离群众", "门难进", "推诿扯皮", "吃拿卡要", "乱收费", "为官不为", "特权", "拍脑袋", "好人主义"],
        "享乐主义": ["精神懈怠", "贪图安逸", "玩风", "饮酒", "排场"],
        "奢靡之风": ["公款吃喝", "配车", "办公用房", "楼堂馆所", "节庆", "三公", "礼金", "红白喜事", "培训"],
    }.items():
        for needle in needles:
            assert needle in names[label], f"{label}: no subcategory about {needle}"


def test_taxonomy_marker_lists(taxonomy):
    assert_str_list(taxonomy["negation_cues"], "negation_cues", min_len=5)
    assert_str_list(taxonomy["non_problem_cues"], "non_problem_cues", min_len=5)
    for must in ("要坚决反对", "坚决杜绝", "进一步", "切实"):
        assert must in taxonomy["non_problem_cues"] or must in taxonomy["negation_cues"], must
    assert_str_list(taxonomy["problem_admission_cues"], "problem_admission_cues", min_len=5)
    assert_str_list(taxonomy["negation_prefixes"], "negation_prefixes", min_len=3)
    for key, cues in taxonomy["off_topic_cues"].items():
        assert_str_list(cues, f"off_topic_cues.{key}", min_len=3)
    # bare negators would flip genuine admissions ("没有深入基层")
    for bare in ("没有", "不", "未", "按规定", "严格执行"):
        assert bare not in taxonomy["negation_cues"], bare


def test_taxonomy_boundary_note(taxonomy):
    notes = {n["id"]: n for n in taxonomy["boundary_notes"]}
    note = notes["xiangle_vs_shemi"]
    assert note["labels"] == ["享乐主义", "奢靡之风"]
    assert "公款" in note["note"]
    for n in notes.values():
        assert all(lbl in LABELS for lbl in n["labels"])
        assert n["labels"] == sorted(n["labels"], key=LABELS.index), "labels in canonical order"


# ---------------------------------------------------------------- checklists

def checklist_files():
    return sorted(CHECKLISTS.glob("*.yaml"))


@pytest.mark.parametrize("path", checklist_files(), ids=lambda p: p.stem)
def test_checklist_schema(path):
    cl = _load(path)
    where = path.stem
    for key in ("id", "name", "source", "applies_to", "items"):
        assert key in cl, f"{where}: missing {key}"
    assert cl["id"] == path.stem, f"{where}: id must equal file name"
    assert CJK_RE.search(cl["name"]), where
    assert_citations(cl["source"], f"{where}.source")
    sources = cl["source"] if isinstance(cl["source"], list) else [cl["source"]]
    source_files = {s["file"] for s in sources}
    assert_str_list(cl["applies_to"], f"{where}.applies_to")
    assert set(cl["applies_to"]) <= DOC_TYPES, f"{where}: unknown doc type in applies_to"
    scope = cl.get("scope", "any")
    assert scope in SCOPES | {"any"}, f"{where}: bad scope {scope!r}"

    items = cl["items"]
    assert isinstance(items, list) and len(items) >= 3, f"{where}: needs items"
    seen = set()
    for item in items:
        iw = f"{where}/{item.get('id')}"
        for key in ("id", "text", "source_quote", "evidence"):
            assert key in item, f"{iw}: missing {key}"
        assert ID_RE.match(item["id"]), f"{iw}: id must be ascii snake_case"
        assert item["id"] not in seen, f"{iw}: duplicate item id"
        seen.add(item["id"])
        assert CJK_RE.search(item["text"]), f"{iw}: text must be Chinese"
        file = item.get("source_file")
        if file is None:
            assert len(source_files) == 1, f"{iw}: source_file required when several sources"
            file = next(iter(source_files))
        assert_quote(file, item["source_quote"], f"{iw}.source_quote")
        if "scope" in item:
            assert item["scope"] in SCOPES, f"{iw}: bad item scope"
        if "only_for" in item:
            assert_str_list(item["only_for_cues"], f"{iw}.only_for_cues")
        check_evidence(item["evidence"], iw, cl, item)


def check_evidence(ev, where, cl, item):
    assert isinstance(ev, dict) and ev, f"{where}: evidence must be a mapping"
    known = {"keywords_any", "keywords_all", "section_any", "min_hits", "requires", "pass_at", "weak_at"}
    assert set(ev) <= known, f"{where}: unknown evidence keys {set(ev) - known}"
    for key in ("keywords_any", "keywords_all", "section_any"):
        if key in ev:
            assert_str_list(ev[key], f"{where}.{key}")
    if "requires" in ev:
        assert ev["requires"] in REQUIRES, f"{where}: unknown requires {ev['requires']!r}"
        assert "pass_at" in ev and "weak_at" in ev, f"{where}: requires needs pass_at and weak_at"
        assert_share(ev["pass_at"], f"{where}.pass_at")
        assert_share(ev["weak_at"], f"{where}.weak_at")
        assert ev["pass_at"] >= ev["weak_at"], f"{where}: pass_at < weak_at"
        assert "min_hits" not in ev, f"{where}: min_hits is meaningless with requires"
        scope = item.get("scope", cl.get("scope", "any"))
        if ev["requires"] == "measures_have_owner_share":
            assert scope == "班子", f"{where}: owner share only applies to team documents"
        if ev["requires"] in ("measures_have_deadline_share", "measures_have_owner_share"):
            assert set(cl["applies_to"]) <= PLAN_TYPES, f"{where}: deadline/owner only for plans"
        if ev["requires"] in ("six_explanations", "root_cause_dimensions"):
            assert cl["applies_to"] == ["对照检查材料"], where
    else:
        assert "keywords_any" in ev, f"{where}: needs keywords_any or requires"
        assert "pass_at" not in ev and "weak_at" not in ev, f"{where}: thresholds need requires"
        mh = ev.get("min_hits")
        assert isinstance(mh, int) and not isinstance(mh, bool) and mh >= 1, f"{where}: min_hits >= 1"
        reachable = len(ev["keywords_any"]) + (1 if ev.get("section_any") else 0)
        assert mh <= reachable, f"{where}: min_hits {mh} unreachable ({reachable})"


def test_checklist_specifics():
    team = _load(CHECKLISTS / "central_huitoukan_team.yaml")
    quotes = [i["source_quote"] for i in team["items"]]
    for n in range(1, 7):
        assert any(q.startswith(f"({n})") for q in quotes), f"team checklist lacks point ({n})"
    liukan = _load(CHECKLISTS / "shanghai_liukan.yaml")
    for word in "一二三四五六":
        assert any(i["source_quote"].startswith(f"{word}看") for i in liukan["items"]), f"{word}看"
    member = _load(CHECKLISTS / "central_huitoukan_member.yaml")
    assert member["scope"] == "个人"
    duizhao = _load(CHECKLISTS / "duizhao_jiancha.yaml")
    reqs = {i["evidence"].get("requires") for i in duizhao["items"]}
    assert {"six_explanations", "root_cause_dimensions"} <= reqs
    fangan = _load(CHECKLISTS / "zhenggai_fangan.yaml")
    ids = {i["id"] for i in fangan["items"]}
    assert sum(1 for i in ids if i.startswith("huiying_")) == 4, "四个回应"
    zx = _load(CHECKLISTS / "zhuanxiang_zhengzhi.yaml")
    zx_quotes = " ".join(i["source_quote"] for i in zx["items"])
    for word in ("专门方案", "推进措施", "牵头部门", "检查评估", "监督问责", "计划安排", "目标要求", "进度时限"):
        assert word in zx_quotes, word
    zd = _load(CHECKLISTS / "zhidu_jianshe.yaml")
    zd_quotes = " ".join(i["source_quote"] for i in zd["items"])
    for word in ("废、改、立", "主要任务", "可执行、可监督、可检查、可问责"):
        assert word in zd_quotes, word


# ---------------------------------------------------------------- flags

@pytest.fixture(scope="module")
def flags():
    return _load(CORPORA / "flags.yaml")


def test_flag_codes(flags):
    assert [f["code"] for f in flags["flags"]] == FLAG_CODES


def test_flag_schema(flags):
    levels = [lvl["id"] for lvl in flags["severity_levels"]]
    assert levels == ["info", "low", "medium", "high"]
    placeholders = set(flags["placeholders"])
    for flag in flags["flags"]:
        where = flag["code"]
        for key in ("name", "default_severity", "message", "applies_to", "scopes", "sources"):
            assert key in flag, f"{where}: missing {key}"
        assert CJK_RE.search(flag["name"]) and CJK_RE.search(flag["message"]), where
        assert flag["default_severity"] in levels, where
        fields = {f for _, f, _, _ in string.Formatter().parse(flag["message"]) if f}
        assert fields <= placeholders, f"{where}: unknown placeholders {fields - placeholders}"
        if "severity_by_share" in flag:
            steps = flag["severity_by_share"]
            assert steps and steps[0]["min_share"] == 0.0, f"{where}: first step must start at 0"
            prev_share, prev_level = -1.0, -1
            for step in steps:
                assert_share(step["min_share"], f"{where}.min_share")
                assert step["min_share"] > prev_share, f"{where}: thresholds must increase"
                assert step["severity"] in levels, where
                assert levels.index(step["severity"]) > prev_level, f"{where}: severity must grow"
                prev_share, prev_level = step["min_share"], levels.index(step["severity"])
        for key, value in (flag.get("params") or {}).items():
            if key.endswith("_at"):
                assert_share(value, f"{where}.params.{key}")
        assert_str_list(flag["applies_to"], f"{where}.applies_to")
        assert set(flag["applies_to"]) <= DOC_TYPES, where
        assert_str_list(flag["scopes"], f"{where}.scopes")
        assert set(flag["scopes"]) <= SCOPES, where
        assert_citations(flag["sources"], f"{where}.sources", allow_empty=where in TECHNICAL_FLAGS)


def test_flag_applicability(flags):
    by_code = {f["code"]: f for f in flags["flags"]}
    assert set(by_code["missing_deadline"]["applies_to"]) == PLAN_TYPES
    owner = by_code["missing_owner"]
    assert owner["scopes"] == ["班子"]
    assert "个人整改措施" not in owner["applies_to"] and "对照检查材料" not in owner["applies_to"]
    assert set(owner["applies_to"]) <= PLAN_TYPES
    assert by_code["missing_six_explanations"]["applies_to"] == ["对照检查材料"]
    assert by_code["missing_root_cause"]["applies_to"] == ["对照检查材料"]
    ocr = by_code["needs_ocr"]
    assert set(ocr["ocr_status_text"]) == {"applied", "not_applied"}
    assert "{ocr_status}" in ocr["message"]
    assert "{reason}" in by_code["parse_error"]["message"]


# ---------------------------------------------------------------- requirements

@pytest.fixture(scope="module")
def requirements():
    return _load(CORPORA / "requirements.yaml")


@pytest.mark.parametrize("key,names", [("six_explanations", SIX), ("root_cause_dimensions", FOUR)])
def test_requirements(requirements, key, names):
    block = requirements[key]
    assert_citations(block["source"], f"{key}.source")
    assert [i["name"] for i in block["items"]] == names
    ids = [i["id"] for i in block["items"]]
    assert len(set(ids)) == len(ids) and all(ID_RE.match(i) for i in ids)
    for item in block["items"]:
        where = f"{key}/{item['id']}"
        assert item["name"] in block["source"]["quote"], where
        syn = item["synonyms"]
        assert_str_list(syn["strong"], f"{where}.strong", min_len=3)
        assert_str_list(syn.get("weak", []), f"{where}.weak", min_len=0)
        assert not set(syn["strong"]) & set(syn.get("weak", [])), f"{where}: strong/weak overlap"
        if "sources" in item:
            assert_citations(item["sources"], f"{where}.sources")


# ---------------------------------------------------------------- sections

@pytest.fixture(scope="module")
def sections():
    return _load(CORPORA / "sections.yaml")


def test_sections_headings(sections):
    heads = sections["headings"]
    for key in ("problems", "root_causes", "measures", "six_explanations"):
        assert key in heads, key
    for key, block in heads.items():
        assert CJK_RE.search(block["name"]), key
        assert isinstance(block["priority"], int), key
        assert_str_list(block["any"], f"headings.{key}.any", min_len=3)
        assert_str_list(block.get("none", []), f"headings.{key}.none", min_len=0)
    for word in ("存在的主要问题", "查摆出的问题", "问题清单", "存在的差距和不足"):
        assert word in heads["problems"]["any"], word
    for word in ("原因剖析", "产生问题的根源"):
        assert word in heads["root_causes"]["any"], word
    for word in ("整改措施", "努力方向", "下一步打算", "整改目标和措施"):
        assert word in heads["measures"]["any"], word


def test_sections_columns(sections):
    cols = sections["columns"]
    for key in ("problem", "measure", "leader", "owner", "deadline"):
        assert key in cols, key
    owner_of: dict[str, str] = {}
    for key, block in cols.items():
        assert_str_list(block["any"], f"columns.{key}.any")
        for word in block["any"]:
            assert word not in owner_of, f"column header {word!r} in both {owner_of.get(word)} and {key}"
            owner_of[word] = key
    expect = {
        "problem": ["存在问题", "问题表现", "问题描述", "突出问题"],
        "measure": ["整改措施", "整改目标", "具体措施"],
        "leader": ["责任领导", "牵头领导", "分管领导"],
        "owner": ["责任单位", "责任人", "牵头单位", "责任部门", "责任主体"],
        "deadline": ["完成时限", "整改时限", "时间节点", "完成时间"],
    }
    for key, words in expect.items():
        for word in words:
            assert owner_of.get(word) == key, f"{word} should be a {key} column"


def test_sections_doc_types_and_scope(sections):
    rules = sections["doc_types"]
    assert {r["doc_type"] for r in rules} == DOC_TYPES
    for rule in rules:
        assert_str_list(rule["title_any"], f"doc_types.{rule['doc_type']}")
        assert_str_list(rule.get("title_none", []), f"doc_types.{rule['doc_type']}.none", min_len=0)
    order = [r["doc_type"] for r in rules]
    assert order.index("个人整改措施") < order.index("整改方案")
    assert order[0] == "回头看自查报告"
    assert set(sections["doc_type_body_cues"]) == DOC_TYPES
    scope = sections["scope"]
    for key in ("title_personal", "title_team", "personal_pronouns", "team_pronouns"):
        assert_str_list(scope[key], f"scope.{key}")
    assert {"本人", "我"} <= set(scope["personal_pronouns"])
    assert {"我们", "班子"} <= set(scope["team_pronouns"])
