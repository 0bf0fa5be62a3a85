"""Companies are listed in an order the reader recognises: pinyin of the Chinese name for Chinese readers."""

import re

import pytest

PINYIN_ORDER = [
    "alibaba",
    "baidu",
    "dangdang",
    "jd",
    "jumei",
    "harpers-bazaar-china",
    "suning",
    "taobao",
    "tencent",
    "tmall",
    "wanda",
    "alipay",
]  # 阿里 百度 當當 京東 聚美 時尚芭莎 蘇寧 淘寶 騰訊 天貓 萬達 支付寶
ENGLISH_ORDER = ["alibaba", "alipay", "baidu", "dangdang", "harpers-bazaar-china", "jd", "jumei", "suning", "taobao",
                 "tencent", "tmall", "wanda"]  # fmt: skip


def listed(html, lang):
    slugs = re.findall(rf'href="/{lang}/companies/([a-z-]+)/"', html)
    return list(dict.fromkeys(slugs))


@pytest.mark.parametrize("lang,expected", [("zh-hant", PINYIN_ORDER), ("zh-hans", PINYIN_ORDER), ("en", ENGLISH_ORDER)])
def test_the_home_page_and_the_company_list_order_companies_for_the_reader(db, client, lang, expected):
    home = client.get(f"/{lang}/").content.decode()
    chips = re.search(r'<h2 id="companies-title">.*?</ul>', home, re.S).group(0)
    assert listed(chips, lang) == expected
    assert listed(client.get(f"/{lang}/companies/").content.decode(), lang)[: len(expected)] == expected
