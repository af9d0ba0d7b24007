"""Transliteration to Latin script, with a small vocabulary of Chinese company words.

Chinese (Han characters) is segmented greedily against `HAN_WORDS`; each known word becomes its
usual English rendering (科技 -> technology, 有限公司 -> co ltd, 北京 -> beijing). The characters
between known words are read in pinyin (pypinyin) and written the way lists write Chinese brand
names: a run of two characters is one word (算能 -> suanneng), three are read as a personal name
(习近平 -> xi jinping), longer runs are cut into two-character words (智谱华章 -> zhipu
huazhang). A Han name gets a second rendering, all in pinyin (海光微电子 -> haiguang weidianzi),
because lists use both ("Haiguang Microelectronics", "Haiguang Wei Dianzi"), in which a run of up
to three unknown characters is spelled syllable by syllable (a personal name in either order:
冈兆 -> gang zhao meets "Zhao Gang") and a longer run is one word, whose pinyin lists split
anywhere: the scorer's joins meet "Zhipu Huazhang" from "zhipuhuazhang".

Every other non-ASCII script (Cyrillic, Greek, Arabic, Hangul, Japanese kana, Latin with
diacritics) is rendered by anyascii.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# Chinese word -> English rendering (already in folded form: lower case, no punctuation).
HAN_WORDS: dict[str, str] = {
    # legal forms and company words
    "股份有限公司": "co ltd", "有限责任公司": "co ltd", "有限公司": "co ltd", "分公司": "branch",
    "株式会社": "kabushiki kaisha", "公司": "company", "集团": "group", "控股": "holdings",
    "股份": "joint stock", "科技": "technology", "技术": "technology", "电子": "electronics",
    "微电子": "microelectronics", "半导体": "semiconductor", "集成电路": "integrated circuit",
    "信息": "information", "产业": "industry", "工业": "industry", "实业": "industrial",
    "通信": "communication", "通讯": "communication", "网络": "network", "软件": "software",
    "智能": "intelligent", "人工智能": "artificial intelligence", "计算机": "computer",
    "超级计算": "supercomputing", "计算": "computing", "国家": "national", "中心": "center",
    "研究所": "research institute", "研究院": "research institute", "研究": "research",
    "大学": "university", "学院": "academy", "科学": "science", "工程": "engineering",
    "设备": "equipment", "装备": "equipment", "制造": "manufacturing", "材料": "materials",
    "光电": "optoelectronics", "精密": "precision", "仪器": "instrument", "机械": "machinery",
    "航空": "aviation", "航天": "aerospace", "船舶": "shipbuilding", "能源": "energy",
    "贸易": "trading", "国际": "international", "进出口": "import export", "发展": "development",
    "投资": "investment", "物流": "logistics", "系统": "systems", "数据": "data",
    # places
    "中国": "china", "香港": "hong kong", "澳门": "macau", "台湾": "taiwan", "北京": "beijing",
    "上海": "shanghai", "天津": "tianjin", "重庆": "chongqing", "深圳": "shenzhen",
    "广州": "guangzhou", "杭州": "hangzhou", "南京": "nanjing", "武汉": "wuhan",
    "成都": "chengdu", "西安": "xian", "苏州": "suzhou", "无锡": "wuxi", "厦门": "xiamen",
    "青岛": "qingdao", "长沙": "changsha", "济南": "jinan", "郑州": "zhengzhou", "合肥": "hefei",
    "珠海": "zhuhai", "大连": "dalian", "沈阳": "shenyang", "哈尔滨": "harbin", "昆山": "kunshan",
    "宁波": "ningbo", "东莞": "dongguan", "福州": "fuzhou", "南昌": "nanchang",
    "长春": "changchun", "石家庄": "shijiazhuang", "太原": "taiyuan", "昆明": "kunming",
    "贵阳": "guiyang", "南宁": "nanning", "兰州": "lanzhou", "绵阳": "mianyang",
    "广东": "guangdong", "江苏": "jiangsu", "浙江": "zhejiang", "山东": "shandong",
    "四川": "sichuan", "湖北": "hubei", "湖南": "hunan", "河南": "henan", "河北": "hebei",
    "陕西": "shaanxi", "山西": "shanxi", "安徽": "anhui", "福建": "fujian", "江西": "jiangxi",
    "辽宁": "liaoning", "吉林": "jilin", "黑龙江": "heilongjiang", "云南": "yunnan",
    "贵州": "guizhou", "广西": "guangxi", "新疆": "xinjiang", "内蒙古": "inner mongolia",
}  # fmt: skip
# Words that stay legal forms in the all-pinyin rendering too.
_KEEP_IN_PINYIN = frozenset(("股份有限公司", "有限责任公司", "有限公司", "株式会社", "股份"))
_MAX_WORD = max(len(word) for word in HAN_WORDS)


@dataclass(frozen=True, slots=True)
class Rendering:
    """One Latin rendering of a name and how it was made ("" when the name was ASCII)."""

    text: str
    method: str


def is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


def _is_kana(char: str) -> bool:
    return 0x3040 <= ord(char) <= 0x30FF


def script_of(text: str) -> str:
    """The first non-Latin script in `text` ("cyrillic", "han", "arabic", ...), or "latin"."""
    for char in text:
        if char.isascii() or not char.isalpha():
            continue
        if is_han(char):
            return "han"
        words = unicodedata.name(char, "").split()
        if words and words[0] != "LATIN":
            return words[0].lower()
    return "latin"


@lru_cache(maxsize=4096)
def _pinyin(run: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin  # imported on first use: it loads a large dictionary

    syllables: list[str] = lazy_pinyin(run, v_to_u=True)
    return tuple(anyascii(s).lower() for s in syllables)


def _pinyin_words(run: str) -> list[str]:
    """Pinyin words for a run of Han characters not in the vocabulary."""
    syllables = _pinyin(run)
    if len(syllables) <= 2:
        return ["".join(syllables)]
    if len(syllables) == 3:  # a personal name, surname first: 习近平 -> xi jinping
        return [syllables[0], syllables[1] + syllables[2]]
    words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables) - 3, 2)]
    rest = len(syllables) - 2 * len(words)
    words.append("".join(syllables[-rest:]))
    return words


def _render_han(text: str) -> tuple[str, str]:
    """(English vocabulary + pinyin words, all pinyin + each run as one word) of a Han text."""
    english: list[str] = []
    pinyin: list[str] = []
    unknown: list[str] = []

    def flush() -> None:
        if unknown:
            run = "".join(unknown)
            english.append(" " + " ".join(_pinyin_words(run)) + " ")
            syllables = _pinyin(run)
            # Short runs syllable by syllable (a name in either order), long runs as one word.
            pinyin.append(" " + (" " if len(syllables) <= 3 else "").join(syllables) + " ")
            unknown.clear()

    i = 0
    while i < len(text):
        char = text[i]
        if not is_han(char):
            flush()
            latin = char if char.isascii() else anyascii(char)
            english.append(latin)
            pinyin.append(latin)
            i += 1
            continue
        for size in range(min(_MAX_WORD, len(text) - i), 1, -1):
            word = text[i : i + size]
            if word in HAN_WORDS:
                flush()
                english.append(f" {HAN_WORDS[word]} ")
                keep = word in _KEEP_IN_PINYIN
                pinyin.append(f" {HAN_WORDS[word] if keep else ''.join(_pinyin(word))} ")
                i += size
                break
        else:
            unknown.append(char)
            i += 1
            continue
    flush()
    return "".join(english), "".join(pinyin)


def render(text: str) -> tuple[Rendering, ...]:
    """The Latin renderings of a name: one, or two for a name in Chinese characters."""
    if text.isascii():
        return (Rendering(text, ""),)
    script = script_of(text)
    if script == "han" and not any(_is_kana(char) for char in text):
        english, pinyin = _render_han(text)
        renderings = [Rendering(english, "han -> english vocabulary + pinyin")]
        if pinyin != english:
            renderings.append(Rendering(pinyin, "han -> pinyin"))
        return tuple(renderings)
    method = "" if script == "latin" else f"{script} -> latin (anyascii)"
    return (Rendering(anyascii(text), method),)
