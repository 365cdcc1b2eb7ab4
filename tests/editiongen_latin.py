"""Latin and figures in generated copy (`EditionSpec(latin=True)`, `gen_edition.py --latin`).

Chinese news copy carries Latin words, figures, units, dates, times, addresses,
percentages and scores, written the way newsrooms write them: half-width digits
(`5.2%`, `1,234.5亿元`), units glued to the figure (`46Gbps`, `35μg/m³`,
`120km/h`, `1.5℃`), abbreviations in the run of text (`GDP`, `5G`, `PM2.5`,
`AI`, `ETC`), product and proper names with inner spaces (`iPhone 16 Pro`,
`ISO 9001:2015`, `Mike Chen`), ranges with a dash or a wave (`3月15日—4月20日`,
`3～4级`), scores with a ratio colon (`98∶95`), URLs and e-mail addresses (some
longer than a column), an English phrase or song title, and a space between
CJK and Latin now and then (authors differ).

`latinize` replaces sentences of the generated copy with such sentences (every
story of some length gets at least two; briefs one now and then) and some
headlines with figure-heavy ones. It uses its own RNG (seeded by the edition
seed), so an edition without `latin` is byte-identical to what the generator
wrote before this option existed.
"""

from __future__ import annotations

import random

from tests.editiongen_corpus import split_sentences
from tests.editiongen_text import GenArticle

SENTENCES = (
    "据统计，{year}年前{n1}个月全市GDP达{big}亿元，同比增长{pct}，增速比一季度提高{pp}个百分点。",
    "市民可登录{url}或拨打12345热线查询，服务时间为每天{time}。",
    "该项目总投资约{big}亿元，占地{area}平方米，建成后年产能可达{n2}万吨。",
    "现场实测显示，5G网络下行速率达{gbps}Gbps，时延低于{ms}ms，可同时接入{n3}个IoT终端。",
    "{m}月{d}日—{m2}月{d2}日，全市PM2.5平均浓度为{pm}μg/m³，同比下降{pct}，优良天数比例达{pct2}。",
    "活动报名通道已于{date}开启，详情可关注微信公众号“{name}”或访问{url}。",
    "比赛中，主队以{s1}∶{s2}战胜对手，第{q}节一度领先{n1}分，全场投篮命中率达{pct}。",
    "记者注意到，不少年轻人用iPhone 16 Pro、华为Mate 70等手机扫码下单，"
    "AI客服平均响应时间不到{n1}秒。",
    "据《{journal}》杂志报道，该团队开发的{tech}模型准确率提升至{pct}，"
    "相关论文已在线发表（DOI: 10.{n4}/{doi}）。",
    "新车采用{kwh}kWh电池组，CLTC续航{km}km，0—100km/h加速仅需{acc}秒，售价{price}万元起。",
    "当天最高气温{t1}℃，最低气温{t2}℃，东北风{w1}～{w2}级，相对湿度{rh}%。",
    "ETC车道通行时间由原来的{n1}秒缩短至{acc}秒，日均通行量超过{n3}辆次。",
    "“我们的口号是Make every day count，让每一天都有意义。”项目负责人Mike Chen说。",
    "该公司CEO在接受Reuters采访时表示，{year}财年第{q}季度营收同比增长{pct}，达{usd}亿美元。",
    "展会吸引了来自{n1}个国家和地区的{n3}家企业参展，其中包括Siemens、Bosch、Panasonic等知名企业。",
    "对照ISO 9001:2015标准，工厂完成了{n2}项流程改造，产品合格率从{pct}提高到{pct2}。",
    "咨询电话：0571-{tel}；电子邮箱：{email}。",
    "截至{date}，全市累计建成5G基站{n3}个，千兆光网覆盖率达{pct}，IPv6活跃用户数突破{n2}万。",
    "新版APP支持iOS 17及以上、Android 10及以上系统，安装包约{mb}MB。",
    "疫情之后，这家B2B平台的GMV连续{n1}年保持两位数增长，{year}年达到{big}亿元。",
    "地铁{line}号线全长{km2}公里，设站{n1}座，最高运行速度{kmh}km/h，高峰时段行车间隔缩至{n1}分{s1}秒。",
    "本赛季CBA常规赛中，他场均贡献{s1}.{d1}分、{n1}个篮板和{w1}次助攻，三分命中率{pct}。",
    "乐队演唱了英文歌曲《{song}》，全场{n3}余名观众一起合唱。",
    "该项目被列入“{year}—{year2}年重点工程”，规划用地约{n2}公顷（约合{n3}亩）。",
    "设备使用LED光源，功率仅{n1}W，寿命达{n2}万小时，每年可节电约{n3}kWh。",
    "报告显示，{year}年Q{q}国内SUV销量为{n2}万辆，环比上升{pct}，新能源车渗透率首次超过{pct2}。",
    "完整名单可在{longurl}查询。",
    "本次活动主题为“Hello, {city}!”，共设置{n1}个打卡点位、{w1}条Citywalk线路。",
    "会上发布的《{year}年数字经济发展白皮书》显示，全市数字经济核心产业增加值占GDP比重达{pct}。",
    "该产品连续{n1}年位列行业TOP{top}，获评“{year}年度No.1”。",
    "参与调查的{n3}名受访者中，约1/3表示每周网购{w1}～{w2}次，{pct}的人更愿意使用移动支付。",
    "气象部门发布暴雨黄色预警：预计{m}月{d}日{h1}时至次日{h2}时，累计雨量可达{mm1}—{mm2}mm。",
    "新房均价从每平方米{p1}元降至{p2}元，降幅约{pct}，首付比例下调至{pct2}。",
    "世界卫生组织（WHO）建议，成人每天钠摄入量不超过2000mg，相当于约5g食盐。",
    "实验室采用第{w1}代CRISPR-Cas9技术，检测灵敏度达到{n1}copies/mL。",
    "演出时间为{date} {time2}，票价{p3}元至{p4}元，学生凭证件可享{zhe}折优惠。",
    "项目负责人介绍，团队正在参加Global Urban Innovation Challenge {year}，已进入前{top}名。",
    "游客可在https://www.{site}.example.cn/ticket在线预约，每日限额{n3}人，{time}分时段入园。",
)
HEADLINES = (
    "5G基站突破{n2}万个",
    "GDP同比增长{pct}",
    "AI客服上岗 响应不到{n1}秒",
    "PM2.5浓度降至{pm}μg/m³",
    "新能源车渗透率超{pct}",
    "主场{s1}∶{s2}取胜",
    "{year}江城马拉松{n2}万人开跑",
    "地铁{line}号线开通 全程{n1}分钟",
    "ETC通行提速{pct}",
    "iPhone 16 Pro首销 {n3}人排队",
    "{m}月CPI同比上涨{pct}",
    "全市Wi-Fi热点达{n3}个",
)
JOURNALS = ("Nature", "Science", "Cell", "The Lancet", "IEEE Spectrum")
TECH = ("GPT", "Transformer", "YOLOv8", "ResNet-50", "BERT", "Diffusion")
SONGS = (
    "Yesterday Once More",
    "Hotel California",
    "We Are the World",
    "Take Me Home, Country Roads",
    "Heal the World",
)
CITIES = ("Jiangcheng", "Hangzhou", "Fuyang", "Qiantang")
SITES = ("jcmuseum", "qjwb-service", "fuyang-tour", "jnsb-events")
NAMES = ("江城发布", "钱江晚报", "富阳发布", "江城文旅")


def _values(rng: random.Random) -> dict[str, str]:
    r = rng.randint
    year = r(2019, 2026)
    site = rng.choice(SITES)
    path = "/".join(
        rng.choice(("news", "notice", "2025", f"{r(100, 999)}", "list", "detail"))
        for _ in range(r(3, 6))
    )
    return {
        "year": str(year),
        "year2": str(year + r(2, 5)),
        "n1": str(r(2, 60)),
        "n2": str(r(12, 980)),
        "n3": f"{r(1, 99)},{r(0, 999):03d}" if rng.random() < 0.5 else str(r(100, 99999)),
        "n4": str(r(1000, 9999)),
        "big": f"{r(12, 9999)}.{r(1, 9)}"
        if rng.random() < 0.7
        else f"{r(1, 9)},{r(100, 999)}.{r(1, 99)}",
        "pct": f"{r(0, 99)}.{r(1, 9)}%",
        "pct2": f"{r(40, 99)}.{r(0, 9)}%",
        "pp": f"{r(0, 3)}.{r(1, 9)}",
        "url": rng.choice(
            (f"www.{site}.example.cn", f"{site}.example.com", f"https://m.{site}.example.cn")
        ),
        "longurl": f"https://www.{site}.example.gov.cn/{path}/index_{r(1, 99)}.html",
        "email": f"{rng.choice(('service', 'news', 'tousu', 'info'))}@{site}.example.cn",
        "time": f"{r(7, 10)}:{rng.choice(('00', '30'))}—{r(16, 21)}:{rng.choice(('00', '30'))}",
        "time2": f"{r(14, 20)}:{rng.choice(('00', '30'))}",
        "date": rng.choice(
            (
                f"{year}年{r(1, 12)}月{r(1, 28)}日",
                f"{r(1, 12)}月{r(1, 28)}日",
                f"{year}-{r(1, 12):02d}-{r(1, 28):02d}",
            )
        ),
        "m": str(r(1, 12)),
        "d": str(r(1, 28)),
        "m2": str(r(1, 12)),
        "d2": str(r(1, 28)),
        "d1": str(r(0, 9)),
        "area": f"{r(1, 99)},{r(100, 999)}",
        "gbps": f"{r(1, 46)}.{r(0, 9)}" if rng.random() < 0.5 else str(r(1, 46)),
        "ms": str(r(1, 20)),
        "pm": str(r(18, 60)),
        "name": rng.choice(NAMES),
        "s1": str(r(70, 120)),
        "s2": str(r(60, 110)),
        "q": str(r(1, 4)),
        "journal": rng.choice(JOURNALS),
        "tech": rng.choice(TECH),
        "doi": f"s{r(41000, 41999)}-0{r(20, 25)}-{r(1000, 9999)}-{r(0, 9)}",
        "kwh": f"{r(40, 120)}.{r(0, 9)}",
        "km": str(r(400, 900)),
        "km2": f"{r(12, 60)}.{r(0, 9)}",
        "acc": f"{r(2, 9)}.{r(0, 9)}",
        "price": f"{r(9, 40)}.{r(0, 99):02d}",
        "t1": str(r(18, 38)),
        "t2": str(r(-8, 17)),
        "w1": str(r(2, 5)),
        "w2": str(r(5, 8)),
        "rh": str(r(35, 95)),
        "usd": f"{r(1, 999)}.{r(1, 9)}",
        "tel": f"{r(8000, 8999)}{r(1000, 9999)}",
        "mb": f"{r(40, 300)}.{r(0, 9)}",
        "line": str(r(1, 19)),
        "kmh": str(rng.choice((80, 100, 120, 160))),
        "song": rng.choice(SONGS),
        "city": rng.choice(CITIES),
        "top": str(r(3, 20)),
        "h1": str(r(0, 23)),
        "h2": str(r(0, 23)),
        "mm1": str(r(30, 80)),
        "mm2": str(r(80, 250)),
        "p1": f"{r(12, 60)},{r(100, 999)}",
        "p2": f"{r(10, 50)},{r(100, 999)}",
        "p3": str(r(80, 280)),
        "p4": str(r(380, 1680)),
        "zhe": f"{r(5, 8)}.{r(0, 9)}" if rng.random() < 0.5 else str(r(5, 9)),
        "site": site,
    }


def sentence(rng: random.Random) -> str:
    """One sentence thick with Latin and figures; now and then spaced from the CJK."""
    text = rng.choice(SENTENCES).format(**_values(rng))
    if rng.random() < 0.25:  # some authors space Latin runs from the CJK around them
        import re

        text = re.sub(
            r"(?<=[\u4e00-\u9fff])([A-Za-z][A-Za-z0-9.\-]*)(?=[\u4e00-\u9fff])", r" \1 ", text
        )
    return text


def _latinize_body(rng: random.Random, a: GenArticle, at_least: int, chance: float) -> None:
    slots = [
        (i, j)
        for i, (kind, text) in enumerate(a.body)
        if kind == "para"
        for j, s in enumerate(split_sentences(text))
        if not s.startswith("本报讯")
    ]
    if not slots:
        return
    rng.shuffle(slots)
    chosen = {slot for k, slot in enumerate(slots) if k < at_least or rng.random() < chance}
    body = []
    for i, (kind, text) in enumerate(a.body):
        if kind != "para":
            body.append((kind, text))
            continue
        parts = split_sentences(text)
        if "".join(parts) != text.strip():  # a paragraph the splitter would not rebuild
            body.append((kind, text))
            continue
        parts = [sentence(rng) if (i, j) in chosen else s for j, s in enumerate(parts)]
        body.append((kind, "".join(parts)))
    a.body = body


def latinize(seed: int, pages: list) -> None:  # pages: list[GenPage]
    """Latin and figures through the pages' copy and some headlines (module docstring)."""
    rng = random.Random(f"editiongen-latin:{seed}")
    for page in pages:
        for a in page.articles:
            if a.kind == "story":
                _latinize_body(rng, a, 2 if a.chars >= 400 else 1, 0.18)
                if rng.random() < 0.3:
                    a.headline = rng.choice(HEADLINES).format(**_values(rng))
            elif a.kind == "brief" and rng.random() < 0.4:
                _latinize_body(rng, a, 1, 0.0)
