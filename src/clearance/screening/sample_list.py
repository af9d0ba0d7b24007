"""A small sample of real Entity List entries, for the demo and for tests.

Copied as data from the US Consolidated Screening List snapshot of 2026-07-31 (trade.gov
`consolidated.json`, a US Government work in the public domain), Entity List rows only, with the
entries named in the domain brief (section 5.1): Huawei, HiSilicon, SMIC, Sophgo, Biren, Moore
Threads, Zhipu, Inspur, Nettrix, Sugon, Hygon, Phytium, Sunway, the National Supercomputing
Centers, Cambricon, YMTC, Naura, iFlytek, Megvii. Names, aliases, countries, Federal Register
citations, licence requirement and licence policy are verbatim (footnote digits included).

The Entity List rows in the CSL carry no entry number, so `entry_id` is a slug of the primary
name. The list gives Sophgo's Chinese name only in pinyin ("Beijing Suanneng Technology Co., Ltd");
the matcher finds it from 北京算能科技有限公司 by transliteration, not from a stored alias.

This is not a list to clear shipments against: use the imported snapshots for that.
"""

from __future__ import annotations

from clearance.domain.listing import EntryType, ListEntry

SAMPLE_SOURCE_LIST = "EL"
SAMPLE_DATA_DATE = "2026-07-31"
_EL_URL = "https://www.bis.gov/regulations/ear/744#supplement-4-744"


def _el(
    *,
    entry_id: str,
    name: str,
    countries: tuple[str, ...],
    fr: str,
    requirement: str,
    policy: str,
    aliases: tuple[str, ...] = (),
) -> ListEntry:
    return ListEntry(
        source_list=SAMPLE_SOURCE_LIST,
        entry_id=entry_id,
        name=name,
        entry_type=EntryType.ENTITY,
        aliases=aliases,
        countries=countries,
        federal_register_notice=fr,
        license_requirement=requirement,
        license_policy=policy,
        source_url=_EL_URL,
    )


SAMPLE_ENTRIES: tuple[ListEntry, ...] = (
    _el(
        entry_id="huawei-technologies-co-ltd-huawei",
        name="Huawei Technologies Co., Ltd. (Huawei)",
        aliases=(
            "Shenzhen Huawei Technologies",
            "Huawei Technology",
        ),
        countries=("CN",),
        fr=(
            "84 FR 22963, 84 FR 43495, 85 FR 29853, 85 FR 36720, 85 FR 51603, 86 FR 71559, 87 "
            "FR 6026, 87 FR 8182, 87 FR 21012, 87 FR 55250"
        ),
        requirement="For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="huawei-technologies-cooperatief-u-a",
        name="Huawei Technologies Cooperatief U.A.",
        countries=("NL",),
        fr="84 FR 22963, 85 FR 29852, 85 FR 36720, 85 FR 51603, 87 FR 6026, 87 FR 55250",
        requirement="For all items subject to the EAR, see §§ 734.9(e)1, and 744.11 of the EAR2",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="huawei-technologies-costa-rica-sa",
        name="Huawei Technologies Costa Rica SA",
        aliases=("Huawei Technologies Costa Rica Sociedad Anonima",),
        countries=("CR",),
        fr="84 FR 43495, 85 FR 29852, 85 FR 36720, 85 FR 51603, 87 FR 6026, 87 FR 55250",
        requirement="For all items subject to the EAR, see §§ 734.9(e)1, and 744.11 of the EAR2",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="hisilicon-technologies-co-ltd-hisilicon",
        name="HiSilicon Technologies Co., Ltd (HiSilicon)",
        countries=("CN",),
        fr="84 FR 22961, 85 FR 29852, 85 FR 36720, 85 FR 51603, 87 FR 6026, 87 FR 55250",
        requirement="For all items subject to the EAR, see §§ 734.9(e)1 and 744.11 of the EAR2",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="semiconductor-manufacturing-international-corporation-smic",
        name="Semiconductor Manufacturing International Corporation (SMIC)",
        aliases=(
            "Semiconductor Manufacturing International (Shanghai) Corporation",
            "SMIC Shanghai",
            "Semiconductor Mfg International Corp.",
        ),
        countries=("CN",),
        fr="85 FR 83420; 89 FR 96837",
        requirement=(
            "For all items subject to the EAR (See §§734.4(a)(9), 734.9(e)(3), and "
            "744.11 of the EAR)5"
        ),
        policy=(
            "Presumption of denial for all items to include items described in ECCN "
            "3B001.a.4, .c, .d, f.1.b.2, .k to .p; 3B002.c, 3B993, or 3B994. Case-by-case "
            "for items designed for production of 200mm wafers destined to a 200mm wafer "
            "production facility."
        ),
    ),
    _el(
        entry_id="semiconductor-manufacturing-international-beijing-corporatio",
        name="Semiconductor Manufacturing International (Beijing) Corporation",
        aliases=("SMIC Beijing",),
        countries=("CN",),
        fr="85 FR 83420; 89 FR 96837",
        requirement=(
            "For all items subject to the EAR (See §§734.4(a)(9), 734.9(e)(3), and "
            "744.11 of the EAR)5"
        ),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="semiconductor-manufacturing-international-shenzhen-corporati",
        name="Semiconductor Manufacturing International (Shenzhen) Corporation",
        aliases=("SMIC Shenzhen",),
        countries=("CN",),
        fr="85 FR 83420; 89 FR 96837",
        requirement="For all items subject to the EAR. (See §744.11 of the EAR)",
        policy="See §§744.11 and 744.23(d) of the EAR",
    ),
    _el(
        entry_id="semiconductor-manufacturing-international-tianjin-corporatio",
        name="Semiconductor Manufacturing International (Tianjin) Corporation",
        aliases=("SMIC Tianjin",),
        countries=("CN",),
        fr="85 FR 83420; 89 FR 96837",
        requirement="For all items subject to the EAR. (See §744.11 of the EAR)",
        policy="See §§744.11 and 744.23(d) of the EAR",
    ),
    _el(
        entry_id="sophgo-technologies-ltd",
        name="Sophgo Technologies Ltd.",
        aliases=(
            "Beijing Sophgo",
            "Beijing Suanneng Technology Co., Ltd",
            "Sophgo",
            "SOPHON",
        ),
        countries=("CN",),
        fr="90 FR 4621",
        requirement=("For all items subject to the EAR (See §§734.9(e)(2) and 744.11 of the EAR)4"),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="sophgo-technologies-pte-ltd",
        name="Sophgo Technologies Pte. Ltd.",
        countries=("SG",),
        fr="90 FR 4621",
        requirement=("For all items subject to the EAR (See §§734.9(e)(2) and 744.11 of the EAR)4"),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="xiamen-sophgo-technologies-limited",
        name="Xiamen Sophgo Technologies Limited",
        aliases=(
            "Xiamen Suanneng Technology Co., Ltd.",
            "Xiamen Sophgo",
        ),
        countries=("CN",),
        fr="90 FR 4621",
        requirement=("For all items subject to the EAR (See §§734.9(e)(2) and 744.11 of the EAR)4"),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="qingdao-sophgo-technology-co-ltd",
        name="Qingdao Sophgo Technology Co., Ltd.",
        aliases=(
            "Qingdao Suanneng",
            "Qingdao Sophon",
        ),
        countries=("CN",),
        fr="90 FR 4621",
        requirement=("For all items subject to the EAR (See §§734.9(e)(2) and 744.11 of the EAR)4"),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="shanghai-biren-intelligent-technology-co-ltd",
        name="Shanghai Biren Intelligent Technology Co., Ltd.",
        aliases=(
            "Biren",
            "Biren Technology",
            "Shanghai Biren Technology",
        ),
        countries=("CN",),
        fr="88 FR 71992; 89 FR 25505",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)"
        ),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="beijing-biren-technology-development-co-ltd",
        name="Beijing Biren Technology Development Co., Ltd.",
        countries=("CN",),
        fr="88 FR 71992",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
        ),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="moore-thread-intelligent-technology-beijing-co-ltd",
        name="Moore Thread Intelligent Technology (Beijing) Co., Ltd.",
        aliases=(
            "Moore Threads",
            "Mo’er Xianchen",
        ),
        countries=("CN",),
        fr="88 FR 71992",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
        ),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="beijing-zhipu-huazhang-technology-co-ltd",
        name="Beijing Zhipu Huazhang Technology Co., Ltd.",
        aliases=(
            "Zhipu AI",
            "Beijing Knowledge Atlas Technology Co., Ltd.",
        ),
        countries=("CN",),
        fr="90 FR 4617",
        requirement="For all items subject to the EAR (See §744.11 of the EAR)",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="inspur-group-co-ltd",
        name="Inspur Group Co., Ltd.",
        aliases=(
            "Inspur Group",
            "IGL",
        ),
        countries=("CN",),
        fr="88 FR 13675",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR) 4"
        ),
        policy="Presumption of denial",
    ),
    _el(
        entry_id="inspur-electronic-information-industry-co-ltd",
        name="Inspur Electronic Information Industry Co., Ltd.",
        aliases=(
            "Inspur Information",
            "IEIT Systems Co. Ltd.",
            "Incumber Electronic Information Industry Co., Ltd.",
            "Incubic Electronic Information Industry Co., Ltd.",
            "Incorphor Electronic Information Industry Co., Ltd.",
            "Wave Electronic Information Industry Co., Ltd.",
            "Chao Chao Electronic Information Industry Co., Ltd.",
            "IEII",
        ),
        countries=("CN", "HK"),
        fr="90 FR 14046",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
        ),
        policy="Policy of denial",
    ),
    _el(
        entry_id="inspur-electronic-information-hong-kong-co-ltd",
        name="Inspur Electronic Information (Hong Kong) Co., Ltd.",
        aliases=(
            "Inspur Information (Hong Kong)",
            "Inspur Information Hong Kong",
            "Incumber Electronic Information (Hong Kong) Co., Ltd.",
            "Inspur Information HK International Limited",
        ),
        countries=("HK", "CN"),
        fr="90 FR 14046",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
        ),
        policy="Policy of denial",
    ),
    _el(
        entry_id="inspur-taiwan",
        name="Inspur Taiwan",
        aliases=(
            "Number Media Ltd.",
            "Inspur Taiwan – R&D Center",
            "Digital Cloud Ltd.",
        ),
        countries=("TW",),
        fr="90 FR 14046",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
        ),
        policy="Policy of denial",
    ),
    _el(
        entry_id="nettrix-information-industry-co-ltd",
        name="Nettrix Information Industry Co., Ltd.",
        aliases=(
            "Netrix",
            "Ningchang Information Industry (Beijing) Co., Ltd",
            "Nettrix Information Industry (Beijing) Co., Ltd.",
        ),
        countries=("CN",),
        fr="90 FR 14046",
        requirement=(
            "For all items subject to the EAR. (See §§ 734.9(e)(2) and 744.11 of the EAR)4"
        ),
        policy="Policy of denial",
    ),
    _el(
        entry_id="sugon",
        name="Sugon",
        aliases=(
            "Dawning",
            "Dawning Information Industry",
            "Sugon Information Industry",
            "Shuguang",
            "Shuguang Information Industry",
            "Zhongke Dawn",
            "Zhongke Shuguang",
            "Dawning Company",
            "Tianjin Shuguang Computer Industry",
        ),
        countries=("CN",),
        fr="84 FR 29373; 87 FR 62202",
        requirement="For All Items Subject to the EAR (See §734.9(e), and 744.11 of the EAR)4.",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="chengdu-haiguang-integrated-circuit",
        name="Chengdu Haiguang Integrated Circuit",
        aliases=(
            "Hygon",
            "Chengdu Haiguang Jincheng Dianlu Sheji",
        ),
        countries=("CN",),
        fr="84 FR 29373, 87 FR 62202",
        requirement="For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR)4",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="tianjin-phytium-information-technology",
        name="Tianjin Phytium Information Technology",
        aliases=(
            "Phytium",
            "Phytium Technology",
            "Tianjin Feiteng Information Technology",
        ),
        countries=("CN",),
        fr="86 FR 18437; 87 FR 62202",
        requirement="For All Items Subject to the EAR (See §734.9(e), and 744.11 of the EAR)4.",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="sunway-microelectronics",
        name="Sunway Microelectronics",
        aliases=(
            "Chengdu Shenwei Technology",
            "Chengdu Sunway Technology",
        ),
        countries=("CN",),
        fr="86 FR 18437; 87 FR 62202",
        requirement="For All Items Subject to the EAR (See §734.9(e), and 744.11 of the EAR)4.",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="shanghai-high-performance-integrated-circuit-design-center",
        name="Shanghai High-Performance Integrated Circuit Design Center",
        aliases=(
            "Shenwei Micro",
            "Shanghai High-Performance IC Design Center",
        ),
        countries=("CN",),
        fr="86 FR 18437; 87 FR 62202",
        requirement="For All Items Subject to the EAR (See §734.9(e), and 744.11 of the EAR)4.",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="national-supercomputing-center-changsha-nscc-cs",
        name="National Supercomputing Center Changsha (NSCC-CS)",
        countries=("CN",),
        fr="80 FR 8524; 87 FR 62202",
        requirement="For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR)4",
        policy="Presumption of denial.",
    ),
    _el(
        entry_id="national-supercomputing-center-tianjin-nscc-tj",
        name="National Supercomputing Center Tianjin (NSCC-TJ)",
        countries=("CN",),
        fr="80 FR 8524; 87 FR 62202",
        requirement="For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR)4",
        policy="Presumption of denial.",
    ),
    _el(
        entry_id="national-supercomputing-center-guangzhou-nscc-gz",
        name="National Supercomputing Center Guangzhou (NSCC-GZ)",
        countries=("CN",),
        fr="80 FR 8524; 87 FR 62202",
        requirement="For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR)4",
        policy="Presumption of denial.",
    ),
    _el(
        entry_id="national-supercomputing-center-wuxi",
        name="National Supercomputing Center Wuxi",
        aliases=("NSCC-WX",),
        countries=("CN",),
        fr="86 FR 18437; 87 FR 62202",
        requirement=("For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR) 4"),
        policy="Presumption of denial.",
    ),
    _el(
        entry_id="national-supercomputing-center-jinan",
        name="National Supercomputing Center Jinan",
        aliases=(
            "Shandong Computing Center",
            "NSCC-JN",
        ),
        countries=("CN",),
        fr="86 FR 18437; 87 FR 62202",
        requirement="For All Items Subject to the EAR (See §734.9(e), and 744.11 of the EAR)4.",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="national-supercomputing-center-shenzhen",
        name="National Supercomputing Center Shenzhen",
        aliases=(
            "The National Supercomputing Shenzhen Center",
            "Shenzhen Cloud Computing Center",
            "NSCC-SZ",
        ),
        countries=("CN",),
        fr="86 FR 18437; 87 FR 62202",
        requirement="For All Items Subject to the EAR (See §734.9(e), and 744.11 of the EAR)4.",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="cambricon-technologies-corporation-limited",
        name="Cambricon Technologies Corporation Limited",
        aliases=(
            "Cambrian",
            "Cambrian Technologies Corporation",
            "Cambricon",
            "Zhongke Cambricon Technology",
        ),
        countries=("CN",),
        fr="87 FR 77508",
        requirement=(
            "For All Items Subject to the EAR (See §734.9(e)(2), and §744.11 of the EAR)4."
        ),
        policy="Presumption for denial",
    ),
    _el(
        entry_id="yangtze-memory-technologies-co-ltd",
        name="Yangtze Memory Technologies Co., Ltd.",
        aliases=(
            "Changjiang Cunchu",
            "YMTC",
            "Changjiang Storage Technology",
        ),
        countries=("CN",),
        fr="87 FR 77508",
        requirement="For All Items Subject to the EAR (See §744.11 of the EAR).",
        policy="Presumption for denial",
    ),
    _el(
        entry_id="naura-technology-group-co-ltd",
        name="Naura Technology Group Co., Ltd.",
        aliases=(
            "Northern Huachuang",
            "Beifang Huachuang",
            "Naura",
            "Naura Science & Technology Group",
        ),
        countries=("CN",),
        fr="89 FR 96837",
        requirement="For all items subject to the EAR. (See §744.11 of the EAR).",
        policy="Presumption of denial",
    ),
    _el(
        entry_id="iflytek",
        name="IFLYTEK",
        countries=("CN",),
        fr="84 FR 54002; 85 FR 44159; 87 FR 62202",
        requirement="For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR)4",
        policy=(
            "Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, "
            "2D983, and 2E983, and for EAR99 items described in the Note to ECCN 1A995; "
            "case-by-case review for items necessary to detect, identify and treat "
            "infectious disease; and presumption of denial for all other items subject to "
            "the EAR."
        ),
    ),
    _el(
        entry_id="megvii-technology",
        name="Megvii Technology",
        countries=("CN",),
        fr="84 FR 54002; 85 FR 44159; 87 FR 62202",
        requirement="For all items subject to the EAR. (See §§ 734.9(e) and 744.11 of the EAR)4",
        policy=(
            "Case-by-case review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, "
            "2D983, and 2E983, and for EAR99 items described in the Note to ECCN 1A995; "
            "case-by-case review for items necessary to detect, identify and treat "
            "infectious disease; and presumption of denial for all other items subject to "
            "the EAR."
        ),
    ),
)
