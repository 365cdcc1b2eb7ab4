"""Headline breaks (issue 15.1): between phrases, balanced, never inside a word.

A table of real headlines (the issue's, the bundled editions', and front-page
headlines of the kind Xinhua and city papers run) at a measure that needs two
lines, with the breaks an editor makes: after punctuation, then between
words, never inside a word or inside 《》“”（）, lines balanced with the
longer first where the words allow. Each expected break is also checked
with the segmenter the auditor uses (jieba's dictionary, HMM off, through
rjieba): it must fall between two words and outside quotes and brackets.
Widths are in em (Han characters are 1 em; Latin and digits proportional).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from layout.fonts import load_fontset
from layout.typeset import set_title

M = load_fontset().face("song").metrics

# (headline, measure in em, expected lines joined by " / ")
HEADLINES = [
    ("十四届全国人大二次会议在京开幕", 9, "十四届全国人大 / 二次会议在京开幕"),
    ("11月份居民消费价格指数同比上涨0.2%", 11, "11月份居民消费 / 价格指数同比上涨0.2%"),
    ("长江经济带生态环境保护和绿色发展规划印发", 12, "长江经济带生态环境保护 / 和绿色发展规划印发"),
    ("省人大常委会原副主任张某某接受审查调查", 11, "省人大常委会原副主任 / 张某某接受审查调查"),
    ("首批“口袋公园群”建成开放", 8, "首批“口袋公园群” / 建成开放"),
    ("自习区延长开放至晚上十点", 8, "自习区延长开放 / 至晚上十点"),
    ("AI模型助力“秋老虎”精准预报", 9, "AI模型助力 / “秋老虎”精准预报"),
    (
        "问二：换了Wi-Fi 7路由器，网速就能变快吗？",
        12,
        "问二：换了Wi-Fi7 / 路由器，网速就能变快吗？",
    ),
    ("锂电池行业迎来新一轮整合", 8, "锂电池行业迎来 / 新一轮整合"),
    ("市福利院开展重阳敬老活动", 8, "市福利院开展 / 重阳敬老活动"),
    ("垃圾分类“积分兑换”进小区", 8, "垃圾分类 / “积分兑换”进小区"),
    ("我国成功发射天舟七号货运飞船", 9, "我国成功发射 / 天舟七号货运飞船"),
    ("全国铁路暑运累计发送旅客超8亿人次", 10, "全国铁路暑运累计 / 发送旅客超8亿人次"),
    ("国务院常务会议部署推进城市更新行动", 10, "国务院常务会议部署 / 推进城市更新行动"),
    ("央行宣布下调金融机构存款准备金率", 10, "央行宣布下调金融机构 / 存款准备金率"),
    ("全省高速公路服务区实现充电桩全覆盖", 10, "全省高速公路服务区 / 实现充电桩全覆盖"),
    ("前三季度国内生产总值同比增长5.2%", 10, "前三季度国内生产总值 / 同比增长5.2%"),
    ("《江城志》数字化工程正式启动", 9, "《江城志》数字化 / 工程正式启动"),
    ("春运首日全国发送旅客超过一千万人次", 10, "春运首日全国发送 / 旅客超过一千万人次"),
    ("新能源汽车下乡活动在全省铺开", 9, "新能源汽车下乡 / 活动在全省铺开"),
    ("2024年全市新增就业岗位12万个", 10, "2024年全市新增 / 就业岗位12万个"),
    ("我市出台二十条措施支持民营经济发展", 10, "我市出台二十条措施 / 支持民营经济发展"),
    ("老旧小区加装电梯惠及三千余户居民", 10, "老旧小区加装电梯 / 惠及三千余户居民"),
    ("暴雨红色预警发布 多地停课停工", 9, "暴雨红色预警发布 / 多地停课停工"),
    ("“村超”火爆出圈带动乡村旅游", 9, "“村超”火爆出圈 / 带动乡村旅游"),
    ("城市地铁5号线全线“轨通”", 8, "城市地铁5号线 / 全线“轨通”"),
    ("秋粮收购全面启动 预计收购量超40万吨", 11, "秋粮收购全面启动 / 预计收购量超40万吨"),
    ("江城站预计发送旅客120万人次", 9, "江城站预计发送 / 旅客120万人次"),
    ("百年柳巷“慢慢改”出新模样", 8, "百年柳巷“慢慢改” / 出新模样"),
    ("井盖“会说话”出了问题自动报警", 9, "井盖“会说话” / 出了问题自动报警"),
    ("下周一起5条公交线路优化调整", 9, "下周一起5条 / 公交线路优化调整"),
    ("全市秋季学期中小学开学工作平稳有序", 10, "全市秋季学期中小学 / 开学工作平稳有序"),
    ("高温天气持续 市民注意防暑降温", 9, "高温天气持续 / 市民注意防暑降温"),
    ("数字人民币试点范围进一步扩大", 9, "数字人民币试点 / 范围进一步扩大"),
    ("国产大飞机C919完成首次商业飞行", 10, "国产大飞机C919 / 完成首次商业飞行"),
    ("神舟十八号载人飞船发射取得圆满成功", 10, "神舟十八号载人飞船 / 发射取得圆满成功"),
    ("我国科学家在量子计算领域取得重大突破", 10, "我国科学家在量子计算 / 领域取得重大突破"),
    ("全省森林覆盖率提高到61.2%", 9, "全省森林覆盖率 / 提高到61.2%"),
    ("公安机关严厉打击电信网络诈骗犯罪", 10, "公安机关严厉打击 / 电信网络诈骗犯罪"),
    ("乡村振兴战略实施取得阶段性成效", 9, "乡村振兴战略实施 / 取得阶段性成效"),
    ("全市首家“共享厨房”在老城区开业", 10, "全市首家“共享厨房” / 在老城区开业"),
    ("社区卫生服务中心开通夜间门诊", 9, "社区卫生服务中心 / 开通夜间门诊"),
    ("12万户居民换上“会说话”的水表", 10, "12万户居民换上 / “会说话”的水表"),
    ("前8个月技术合同成交额增长15.6%", 10, "前8个月技术合同 / 成交额增长15.6%"),
    ("让《江城志》“活”在云端", 8, "让《江城志》 / “活”在云端"),
    # a named day or festival keeps its 日/节 (the dictionary cuts it off)
    ("文化和自然遗产日活动周末开启", 8, "文化和自然遗产日 / 活动周末开启"),
    ("全民读书节系列活动启动", 8, "全民读书节 / 系列活动启动"),
    ("国际博物馆日主题活动举行", 8, "国际博物馆日 / 主题活动举行"),
]


def _words_ok(full: str, cuts: list[int]) -> list[str]:
    """Breaks inside a word (jieba, HMM off) or inside quotes/brackets."""
    import rjieba  # here: importing it takes 0.2 s, at collection in every worker

    bad = []
    pos = 0
    for w in rjieba.cut(full, hmm=False):
        if any(pos < c < pos + len(w) for c in cuts):
            bad.append(w)
        pos += len(w)
    for c in cuts:
        left = full[:c]
        for o, cl in ("“”", "《》", "（）"):
            if left.count(o) > left.count(cl):
                bad.append(o + cl)
    return bad


def test_table_is_large_enough():
    assert len(HEADLINES) >= 40


@pytest.mark.parametrize("text,width,expected", HEADLINES, ids=[h[0] for h in HEADLINES])
def test_headline_breaks(text, width, expected):
    para = set_title(text, M, float(width))
    got = [ln.text for ln in para.lines]
    assert " / ".join(got) == expected
    # the expectation itself: between words, outside quotes and brackets
    lines = expected.split(" / ")
    cuts = [sum(len(x) for x in lines[: i + 1]) for i in range(len(lines) - 1)]
    assert not _words_ok("".join(lines), cuts)
    assert all(ln.natural <= width + 1e-6 for ln in para.lines)


def test_longer_line_first_when_words_allow():
    # 7 + 6 rather than 6 + 7: 上长下短
    para = set_title("锂电池行业迎来新一轮整合", M, 8.0)
    a, b = (ln.natural for ln in para.lines)
    assert a >= b


def test_one_more_line_rather_than_a_break_inside_a_word():
    # two lines would split a word or the quotation; three do not
    para = set_title("“长江经济带生态环境保护和绿色发展规划”印发", M, 9.0)
    lines = [ln.text for ln in para.lines]
    full = "".join(lines)
    cuts = [sum(len(x) for x in lines[: i + 1]) for i in range(len(lines) - 1)]
    assert not [w for w in _words_ok(full, cuts) if w != "“”"], lines


def _imports(code: str) -> bool:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('rjieba' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().endswith("True")


def test_segmenter_imported_only_for_multi_line_headings():
    setup = (
        "from layout.fonts import load_fontset\n"
        "from layout.typeset import set_paragraph, set_title\n"
        "m = load_fontset().face('song').metrics\n"
    )
    body = setup + "set_paragraph('十四届全国人大二次会议在京开幕，' * 20, m, 12.0)"
    one = setup + "set_title('在京开幕', m, 12.0)"
    two = setup + "set_title('十四届全国人大二次会议在京开幕', m, 9.0)"
    from layout.typeset.segment import _memo_file

    memo = _memo_file("十四届全国人大二次会议在京开幕")
    if memo is not None:  # cut before: the on-disk memo spares the import
        memo.unlink(missing_ok=True)
    assert not _imports(body)
    assert not _imports(one)
    assert _imports(two)
    assert not _imports(two)  # the second process reads the memo


@pytest.mark.parametrize("width", [18, 22])
def test_a_break_inside_a_title_stays_outside_the_quote_within_it(width):
    # A document's title longer than a line: the break must fall inside its
    # 《》, and falls outside the “” within it too (was 《…推进“15分钟便民 /
    # 生活圈”建设…, headings.py: inside quotes/brackets)
    text = "《江城市关于推进“15分钟便民生活圈”建设的实施意见》正式印发"
    lines = [ln.text for ln in set_title(text, M, float(width)).lines]
    assert lines == ["《江城市关于推进“15分钟便民生活圈”", "建设的实施意见》正式印发"]
