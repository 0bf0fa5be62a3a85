"""Issue 13: seeded texts corrected where they still read as seeded; an editor's own text is left alone.

What the article says and what editors add are now apart: companies' descriptions say only what the
article says, and what editors knew from elsewhere moves to `background`. "2014" and "village" walls
are no longer attributed to the article; JD "announced it would" partner with Harper's Bazaar China, and
both records now say "an imbalance" as the article does; Chinese bodies take full-width punctuation;
plainer English where the translation was stiff. Each changed record gets a version in its history.
"""

from django.db import migrations

REASON = "Issue 13: corrected to say only what the article says"

# The columns each record's search text is made of, and its translated fields, as at this migration.
SEARCHED_COLUMNS = {
    "OperationMode": [
        "code",
        "name_en",
        "name_zh_hant",
        "summary_en",
        "summary_zh_hant",
        "body_en",
        "body_zh_hant",
        "background_en",
        "background_zh_hant",
    ],
    "Company": [
        "name_en",
        "name_zh_hant",
        "description_en",
        "description_zh_hant",
        "background_en",
        "background_zh_hant",
    ],
}
TRANSLATED_FIELDS = {
    "OperationMode": ["name", "summary", "body", "background", "seller_side", "buyer_side"],
    "Company": ["name", "description", "background"],
}

# {model: {slug: {"text": {column: (as seeded, corrected)}, ...}}}
CORRECTIONS = {
    "OperationMode": {
        "b2b": {
            "text": {
                "body_zh_hant": (
                    "主要是針對企業內部以及企業(B)與上下游協力廠商(B)之間的資訊整合,並在網際網路上進行的企業與企業間交易。藉由企業內部網(Intranet)建構資訊流通的基礎,及外部網路(Extranet)結合產業的上中下游廠商,達到供應鏈(SCM)的整合。因此透過B2B的商業模式,不僅可以簡化企業內部資訊流通的成本,更可使企業與企業之間的交易流程更快速、更減少成本的耗損。",
                    "主要是針對企業內部以及企業（B）與上下游協力廠商（B）之間的資訊整合，並在網際網路上進行的企業與企業間交易。藉由企業內部網（Intranet）建構資訊流通的基礎，及外部網路（Extranet）結合產業的上中下游廠商，達到供應鏈（SCM）的整合。因此透過B2B的商業模式，不僅可以簡化企業內部資訊流通的成本，更可使企業與企業之間的交易流程更快速、更減少成本的耗損。",
                )
            }
        },
        "b2c": {
            "text": {
                "body_zh_hant": (
                    "就是企業透過網路銷售產品或服務給個人消費者。企業廠商直接將產品或服務推上網路,並提供充足資訊與便利的介面吸引消費者選購,這也是目前一般最常見的作業方式,例如網路購物、證券公司網路下單作業、一般網站的資料查詢作業等等,都是屬於企業直接接觸顧客的作業方式。",
                    "就是企業透過網路銷售產品或服務給個人消費者。企業廠商直接將產品或服務推上網路，並提供充足資訊與便利的介面吸引消費者選購，這也是目前一般最常見的作業方式，例如網路購物、證券公司網路下單作業、一般網站的資料查詢作業等等，都是屬於企業直接接觸顧客的作業方式。",
                )
            }
        },
        "c2b": {
            "text": {
                "body_zh_hant": (
                    "模式更具革命,它將商品的主導權和先發權,由廠商身上交給了消費者。傳統的經濟學概念認為針對一個產品的需求越高,價格就會越高,但由消費者因議題或需要形成的社群,透過社群的集體議價或開發社群需求,只要越多消費者購買同一個商品,購買的效率就越高,價格就越低,這就是C2B的主要特徵。",
                    "模式更具革命，它將商品的主導權和先發權，由廠商身上交給了消費者。傳統的經濟學概念認為針對一個產品的需求越高，價格就會越高，但由消費者因議題或需要形成的社群，透過社群的集體議價或開發社群需求，只要越多消費者購買同一個商品，購買的效率就越高，價格就越低，這就是C2B的主要特徵。",
                )
            }
        },
        "c2c": {
            "text": {
                "body_en": (
                    "C2C refers to trading interactions between consumers, and "
                    "this kind of trading takes many forms. For example, "
                    "consumers can all bid online on the same bidding or auction "
                    "website, with the highest bidder winning. Or consumers can "
                    "post notices on online news forums or bulletin board "
                    "systems (BBS) to sell second-hand goods, or even new ones. "
                    "Transactions like these, completed through interaction "
                    "between consumers, are C2C transactions.",
                    "C2C refers to trading interactions between consumers, and "
                    "this kind of trading takes many forms. For example, "
                    "consumers can all bid online on the same bidding or auction "
                    "website, with the highest bidder winning. Or consumers can "
                    "post notices on online newsgroups or bulletin board systems "
                    "(BBS) to sell second-hand goods, or even new ones. "
                    "Transactions like these, completed through interaction "
                    "between consumers, are C2C transactions.",
                ),
                "body_zh_hant": (
                    "是指消費者與消費者之間的互動交易行為,這種交易方式是多變的。例如消費者可同在某一競標網站或拍賣網站中,共同在線上出價而由價高者得標。或由消費者自行在網路新聞論壇或BBS上張貼布告以出售二手貨品,甚至是新品,諸如此類因消費者間的互動而完成的交易,就是C2C的交易。",
                    "是指消費者與消費者之間的互動交易行為，這種交易方式是多變的。例如消費者可同在某一競標網站或拍賣網站中，共同在線上出價而由價高者得標。或由消費者自行在網路新聞論壇或BBS上張貼布告以出售二手貨品，甚至是新品，諸如此類因消費者間的互動而完成的交易，就是C2C的交易。",
                ),
            }
        },
        "o2o": {
            "text": {
                "body_en": (
                    "O2O stands for Online To Offline: it brings offline "
                    "business opportunities together with the Internet, making "
                    "the Internet the front end of offline transactions. In this "
                    "way, offline services can attract customers online, "
                    "consumers can compare and choose services online, and deals "
                    "can be settled online, so that scale is reached quickly.",
                    "O2O stands for “Online to offline”: it brings offline "
                    "business opportunities together with the Internet, making "
                    "the Internet the front end of offline transactions. In this "
                    "way, offline services can attract customers online, "
                    "consumers can compare and choose services online, and deals "
                    "can be settled online, so that scale is reached quickly.",
                ),
                "body_zh_hant": (
                    "即Online To "
                    "Offline,也即將線下商務的機會與網際網路結合在了一起,讓網際網路成為線下交易的前臺。這樣線下服務就可以用線上來攬客,消費者可以用線上來篩選服務,還有成交可以線上結算,很快達到規模。",
                    "即Online To "
                    "Offline，也即將線下商務的機會與網際網路結合在了一起，讓網際網路成為線下交易的前臺。這樣線下服務就可以用線上來攬客，消費者可以用線上來篩選服務，還有成交可以線上結算，很快達到規模。",
                ),
            }
        },
    },
    "Company": {
        "alibaba": {
            "text": {
                "description_en": (
                    "Alibaba Group is a Chinese Internet company founded in "
                    "Hangzhou in 1999; it began with a B2B marketplace "
                    "linking businesses and also runs the Taobao and Tmall "
                    "shopping platforms. The article notes that Alibaba, "
                    "like JD.com, raced to paint advertisements on village "
                    "walls to promote its e-commerce business in smaller "
                    "cities.",
                    "The article names Alibaba, together with JD.com, as "
                    "racing to promote its e-commerce business by painting "
                    "advertisements on walls, one of the things that paved "
                    "the way for e-commerce to move into second- and "
                    "third-tier cities.",
                ),
                "description_zh_hant": (
                    "阿里巴巴集團是1999年在杭州創立的中國網際網路公司，以連結企業與企業的B2B交易平臺起家，旗下也經營淘寶和天貓購物平臺。文中提到，阿里與京東爭相在鄉村牆上刷廣告，向較小的城市推廣其電商業務。",
                    "文中提到，阿里與京東爭相刷牆推廣其電商業務，這些都為電商下沉到二三線城市鋪好了路。",
                ),
            },
            "background": {
                "background_en": "Alibaba Group is a Chinese Internet company "
                "founded in Hangzhou in 1999; it began with a B2B "
                "marketplace linking businesses and also runs the "
                "Taobao and Tmall shopping platforms.",
                "background_zh_hant": "阿里巴巴集團是1999年在杭州創立的中國網際網路公司，以連結企業與企業的B2B交易平臺起家，旗下也經營淘寶和天貓購物平臺。",
            },
            "background_if_corrected": "description",
        },
        "taobao": {
            "text": {
                "description_en": (
                    "Taobao is Alibaba Group's online shopping platform, "
                    "launched in 2003, on which individuals and small "
                    "merchants sell to consumers. The article cites Taobao "
                    "Global as an example of e-commerce going international, "
                    "and mentions the credit payment method that Alipay "
                    "introduced for Taobao sellers.",
                    "The article cites Taobao Global as an example of "
                    "e-commerce going international, and mentions the credit "
                    "payment method that Alipay introduced for Taobao "
                    "sellers.",
                ),
                "description_zh_hant": (
                    "淘寶是阿里巴巴集團於2003年推出的網路購物平臺，個人與小商家可在上面向消費者銷售商品。文中以淘寶全球購為電商走向國際的例子，並提到支付寶針對淘寶賣家推出的信用支付手段。",
                    "文中以淘寶全球購為電商走向國際的例子，並提到支付寶針對淘寶賣家推出的信用支付手段。",
                ),
            },
            "background": {
                "background_en": "Taobao is Alibaba Group's online shopping platform, "
                "launched in 2003, on which individuals and small "
                "merchants sell to consumers.",
                "background_zh_hant": "淘寶是阿里巴巴集團於2003年推出的網路購物平臺，個人與小商家可在上面向消費者銷售商品。",
            },
            "background_if_corrected": "description",
        },
        "tmall": {
            "text": {
                "description_en": (
                    "Tmall is Alibaba Group's B2C shopping platform, on which "
                    "brands and retailers sell directly to consumers. The "
                    "article cites Tmall Global as an example of e-commerce "
                    "going international, and describes Tmall's fashion "
                    "strategy, from commissioned fashion shoots and "
                    "shopping-guide features to fashion shows.",
                    "The article cites Tmall Global as an example of "
                    "e-commerce going international, and describes Tmall's "
                    "fashion strategy, from commissioned fashion shoots and "
                    "shopping-guide features to fashion shows.",
                ),
                "description_zh_hant": (
                    "天貓是阿里巴巴集團的B2C購物平臺，品牌與零售商在上面直接向消費者銷售商品。文中以天貓國際為電商走向國際的例子，並介紹天貓的時尚戰略，從時尚大片的定製、導購專題到時裝秀。",
                    "文中以天貓國際為電商走向國際的例子，並介紹天貓發布的時尚戰略，從時尚大片的定製、導購專題到時裝秀。",
                ),
            },
            "background": {
                "background_en": "Tmall is Alibaba Group's B2C shopping platform, on "
                "which brands and retailers sell directly to "
                "consumers.",
                "background_zh_hant": "天貓是阿里巴巴集團的B2C購物平臺，品牌與零售商在上面直接向消費者銷售商品。",
            },
            "background_if_corrected": "description",
        },
        "alipay": {
            "text": {
                "description_en": (
                    "Alipay is a Chinese online payment platform, originally "
                    "created to handle payments on Taobao and now operated "
                    "by Ant Group. The article notes that in the second half "
                    "of 2014 it introduced a credit payment method for "
                    "Taobao sellers.",
                    "The article notes that in the second half of “this "
                    "year” Alipay introduced a credit payment method for "
                    "Taobao sellers.",
                ),
                "description_zh_hant": (
                    "支付寶是中國的網路支付平臺，最初為處理淘寶的付款而設，現由螞蟻集團營運。文中提到，支付寶在2014年下半年針對淘寶賣家推出了信用支付手段。",
                    "文中提到，支付寶在「今年下半年」針對淘寶賣家推出了信用支付手段。",
                ),
            },
            "background": {
                "background_en": "Alipay is a Chinese online payment platform, "
                "originally created to handle payments on Taobao and "
                "now operated by Ant Group.",
                "background_zh_hant": "支付寶是中國的網路支付平臺，最初為處理淘寶的付款而設，現由螞蟻集團營運。",
            },
            "background_if_corrected": "description",
        },
        "jd": {
            "text": {
                "description_en": (
                    "JD.com (Jingdong) is a Beijing-based Chinese online "
                    "retailer that sells goods directly to consumers and runs "
                    "its own logistics network. According to the article, in the "
                    "second half of 2014 it launched JD Finance, whose features "
                    "include JD Baitiao consumer credit and crowdfunding; it "
                    "partnered with Harper's Bazaar China to change the "
                    "male-heavy make-up of its users, and, like Alibaba, painted "
                    "advertisements on village walls.",
                    "The article notes that in the second half of “this year” "
                    "JD.com launched JD Finance, a platform whose features "
                    "include JD Baitiao and project crowdfunding; that it "
                    "announced it would enter an in-depth partnership with "
                    "Harper's Bazaar China to change the imbalance between male "
                    "and female users on JD.com; and that, like Alibaba, it "
                    "raced to promote its e-commerce business by painting "
                    "advertisements on walls.",
                ),
                "description_zh_hant": (
                    "京東是總部設於北京的中國網路零售商，直接向消費者銷售商品，並經營自己的物流網路。據文中所述，京東在2014年下半年推出了包含京東白條（消費信貸）、專案眾籌等功能的京東金融平臺；又與《時尚芭莎》合作，以改變其使用者以男性居多的局面；並與阿里一樣在鄉村牆上刷廣告。",
                    "文中提到，京東在「今年下半年」推出了包含京東白條、專案眾籌等功能的京東金融平臺；宣佈將與《時尚芭莎》展開深度合作，以改變京東使用者男女比例失調的局面；並與阿里爭相刷牆推廣其電商業務。",
                ),
            },
            "background": {
                "background_en": "JD.com (Jingdong) is a Beijing-based Chinese online "
                "retailer that sells goods directly to consumers and "
                "runs its own logistics network. JD Baitiao is its "
                "consumer-credit service.",
                "background_zh_hant": "京東是總部設於北京的中國網路零售商，直接向消費者銷售商品，並經營自己的物流網路。京東白條是其消費信貸服務。",
            },
            "background_if_corrected": "description",
        },
        "jumei": {
            "text": {
                "description_en": (
                    "Jumei Youpin (Jumei) is a Chinese online retailer of "
                    "cosmetics and beauty products, founded in Beijing in "
                    "2010. The article cites the cross-border (overseas "
                    "shopping) zone it opened as an example of e-commerce "
                    "going international.",
                    "The article cites the cross-border (overseas shopping) "
                    "zone that Jumei Youpin opened as an example of "
                    "e-commerce going international.",
                ),
                "description_zh_hant": (
                    "聚美優品是2010年在北京創立的中國網路零售商，主要銷售化妝品與美容產品。文中以聚美優品開放海淘專區為電商走向國際的例子。",
                    "文中以聚美優品開放海淘專區為電商走向國際的例子。",
                ),
            },
            "background": {
                "background_en": "Jumei Youpin (Jumei) is a Chinese online retailer of "
                "cosmetics and beauty products, founded in Beijing in "
                "2010.",
                "background_zh_hant": "聚美優品是2010年在北京創立的中國網路零售商，主要銷售化妝品與美容產品。",
            },
            "background_if_corrected": "description",
        },
        "suning": {
            "text": {
                "description_en": (
                    "Suning is a Nanjing-based Chinese retailer of "
                    "electronics and home appliances that runs both physical "
                    "stores and an online shopping site. The article notes "
                    "that it set up a cross-border e-commerce project team.",
                    "The article notes that Suning set up a cross-border "
                    "e-commerce project team, as an example of e-commerce "
                    "going international.",
                ),
                "description_zh_hant": (
                    "蘇寧是總部設於南京的中國電器與家電零售商，同時經營實體門市與網路購物網站。文中提到，蘇寧成立了跨境電商專案組。",
                    "文中提到，蘇寧成立了跨境電商專案組，是電商走向國際的例子之一。",
                ),
            },
            "background": {
                "background_en": "Suning is a Nanjing-based Chinese retailer of "
                "electronics and home appliances that runs both "
                "physical stores and an online shopping site.",
                "background_zh_hant": "蘇寧是總部設於南京的中國電器與家電零售商，同時經營實體門市與網路購物網站。",
            },
            "background_if_corrected": "description",
        },
        "wanda": {
            "text": {
                "description_en": (
                    "Wanda (Dalian Wanda Group) is a Chinese conglomerate "
                    "best known for commercial property such as its Wanda "
                    "Plaza shopping centres, as well as hotels and cinemas. "
                    "In the article, Wanda forms the WBT alliance for O2O "
                    "with Baidu and Tencent, contributing its offline "
                    "strengths.",
                    "The article notes that in September “this year” Wanda, "
                    "Baidu and Tencent formed the WBT alliance through a "
                    "strategic partnership to cooperate on O2O, with Wanda "
                    "bringing its offline strengths.",
                ),
                "description_zh_hant": (
                    "萬達（大連萬達集團）是中國的大型企業集團，以萬達廣場等商業地產以及酒店、電影院聞名。文中提到，萬達與百度、騰訊組成WBT聯盟就O2O展開合作，帶來其線下優勢。",
                    "文中提到，「今年9月」萬達、百度、騰訊戰略合作形成WBT聯盟，就O2O展開合作，集合了萬達的線下優勢。",
                ),
            },
            "background": {
                "background_en": "Wanda (Dalian Wanda Group) is a Chinese conglomerate "
                "best known for commercial property such as its Wanda "
                "Plaza shopping centres, as well as hotels and "
                "cinemas.",
                "background_zh_hant": "萬達（大連萬達集團）是中國的大型企業集團，以萬達廣場等商業地產以及飯店、電影院聞名。",
            },
            "background_if_corrected": "description",
        },
        "baidu": {
            "text": {
                "description_en": (
                    "Baidu is a Chinese Internet company best known for its "
                    "search engine, founded in Beijing in 2000. In the "
                    "article, Baidu is a member of the WBT alliance for O2O "
                    "with Wanda and Tencent, contributing its data analysis "
                    "capabilities.",
                    "The article names Baidu as a member, with Wanda and "
                    "Tencent, of the WBT alliance formed to cooperate on O2O, "
                    "bringing its data analysis capabilities.",
                ),
                "description_zh_hant": (
                    "百度是2000年在北京創立的中國網際網路公司，以搜尋引擎聞名。文中提到，百度與萬達、騰訊組成WBT聯盟就O2O展開合作，帶來其資料分析能力。",
                    "文中提到，百度與萬達、騰訊戰略合作形成WBT聯盟，就O2O展開合作，帶來其資料分析能力。",
                ),
            },
            "modes": (["o2o"], []),
            "background": {
                "background_en": "Baidu is a Chinese Internet company best known for "
                "its search engine, founded in Beijing in 2000.",
                "background_zh_hant": "百度是2000年在北京創立的中國網際網路公司，以搜尋引擎聞名。",
            },
            "background_if_corrected": "description",
        },
        "tencent": {
            "text": {
                "description_en": (
                    "Tencent is a Chinese Internet company founded in "
                    "Shenzhen in 1998, known for its QQ and WeChat "
                    "messaging and social platforms. In the article, "
                    "Tencent is a member of the WBT alliance for O2O with "
                    "Wanda and Baidu, contributing the social strengths of "
                    "its platforms.",
                    "The article names Tencent as a member, with Wanda and "
                    "Baidu, of the WBT alliance formed to cooperate on O2O, "
                    "bringing the social strengths of its platforms.",
                ),
                "description_zh_hant": (
                    "騰訊是1998年在深圳創立的中國網際網路公司，以QQ、微信等通訊與社交平臺聞名。文中提到，騰訊與萬達、百度組成WBT聯盟就O2O展開合作，帶來其平臺的社交優勢。",
                    "文中提到，騰訊與萬達、百度戰略合作形成WBT聯盟，就O2O展開合作，帶來其平臺的社交優勢。",
                ),
            },
            "modes": (["o2o"], []),
            "background": {
                "background_en": "Tencent is a Chinese Internet company founded in "
                "Shenzhen in 1998, known for its QQ and WeChat "
                "messaging and social platforms.",
                "background_zh_hant": "騰訊是1998年在深圳創立的中國網際網路公司，以QQ、微信等通訊與社交平臺聞名。",
            },
            "background_if_corrected": "description",
        },
        "dangdang": {
            "text": {
                "name_zh_hant": ("噹噹", "當當"),
                "description_en": (
                    "Dangdang is a Chinese online retailer founded in "
                    "Beijing in 1999, which began as an online bookstore "
                    "and later expanded into other goods. The article "
                    "notes that it recently changed its brand logo to "
                    "emphasize its fashion credentials.",
                    "The article notes that Dangdang recently changed its "
                    "brand logo to emphasize its fashion credentials.",
                ),
                "description_zh_hant": (
                    "噹噹（又作當當）是1999年在北京創立的中國網路零售商，以網路書店起家，後來擴展到其他商品。文中提到，噹噹近期更換品牌Logo，強調其時尚屬性。",
                    "文中提到，當當（文中也寫作「噹噹」）近期更換品牌Logo，強調其時尚屬性。",
                ),
            },
            "background": {
                "background_en": "Dangdang is a Chinese online retailer founded in "
                "Beijing in 1999, which began as an online "
                "bookstore and later expanded into other goods.",
                "background_zh_hant": "當當是1999年在北京創立的中國網路零售商，以網路書店起家，後來擴展到其他商品。",
            },
            "background_if_corrected": "description",
        },
        "harpers-bazaar-china": {
            "text": {
                "description_en": (
                    "Harper's Bazaar China is the Chinese "
                    "edition of the fashion magazine Harper's "
                    "Bazaar; it is a magazine, not a retailer. "
                    "The article notes that JD.com announced "
                    "an in-depth partnership with it to "
                    "correct the gender imbalance among JD's "
                    "users.",
                    "The article notes that JD.com announced "
                    "it would enter an in-depth partnership "
                    "with Harper's Bazaar China to change the "
                    "imbalance between male and female users "
                    "on JD.com.",
                ),
                "description_zh_hant": (
                    "《時尚芭莎》是時尚雜誌《哈潑時尚》的中國版，是一本雜誌而非零售商。文中提到，京東宣佈與《時尚芭莎》展開深度合作，以改變京東使用者男女比例失調的局面。",
                    "文中提到，京東宣佈將與《時尚芭莎》展開深度合作，以改變京東使用者男女比例失調的局面。",
                ),
            },
            "background": {
                "background_en": "Harper's Bazaar China is the Chinese "
                "edition of the fashion magazine "
                "Harper's Bazaar; it is a magazine, "
                "not a retailer.",
                "background_zh_hant": "《時尚芭莎》是時尚雜誌《哈潑時尚》的中國版，是一本雜誌而非零售商。",
            },
            "background_if_corrected": "description",
        },
    },
}


def correct(apps, schema_editor):
    from content.seed_corrections import correct_seeded_records
    from search.models import fill_search_text

    for model_name, corrections in CORRECTIONS.items():
        correct_seeded_records(apps, "modes", model_name, corrections, REASON, TRANSLATED_FIELDS[model_name])
        fill_search_text(apps.get_model("modes", model_name), SEARCHED_COLUMNS[model_name])


class Migration(migrations.Migration):
    dependencies = [("modes", "0004_background_and_source_paragraphs"), ("editors", "0002_translation_baselines")]

    # Not reversible in any useful sense: the old texts were wrong. Reversing leaves the texts as they are.
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
