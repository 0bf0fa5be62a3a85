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
    "Trend": [
        "title_en",
        "title_zh_hant",
        "summary_en",
        "summary_zh_hant",
        "body_en",
        "body_zh_hant",
        "background_en",
        "background_zh_hant",
    ]
}
TRANSLATED_FIELDS = {"Trend": ["title", "summary", "body", "background"]}

# {model: {slug: {"text": {column: (as seeded, corrected)}, ...}}}
CORRECTIONS = {
    "Trend": {
        "going-down-market": {
            "text": {
                "body_en": (
                    "As infrastructure development catches up and "
                    "residents of second- and third-tier cities change "
                    "their attitudes to spending, the move of e-commerce "
                    'into these smaller cities comes "as naturally as '
                    'water finding its channel". We have seen Alibaba and '
                    "JD.com race to paint advertisements on village walls "
                    "to promote their e-commerce businesses, and the major "
                    "logistics companies gradually extend their delivery "
                    "coverage; all of this has paved the way for "
                    "e-commerce to expand into smaller cities.",
                    "As infrastructure development catches up and "
                    "residents of second- and third-tier cities change "
                    "their attitudes to spending, the move of e-commerce "
                    'into these smaller cities comes "as naturally as '
                    'water finding its channel". We have seen Alibaba and '
                    "JD.com race to paint advertisements on walls to "
                    "promote their e-commerce businesses, and the major "
                    "logistics companies gradually extend their delivery "
                    "coverage; all of this has paved the way for "
                    "e-commerce to expand into smaller cities.",
                ),
                "body_zh_hant": (
                    "隨著基礎設施建設的跟進,二三線城市居民消費觀的轉變,電商下沉也“水到渠成”。我們看到阿里、京東爭相刷牆推廣其電商業務,各大物流公司逐漸擴大派送範圍,這些也都為電商下沉鋪好了路。",
                    "隨著基礎設施建設的跟進，二三線城市居民消費觀的轉變，電商下沉也「水到渠成」。我們看到阿里、京東爭相刷牆推廣其電商業務，各大物流公司逐漸擴大派送範圍，這些也都為電商下沉鋪好了路。",
                ),
            },
            "background": {
                "background_en": "“Painting walls” (刷牆) means painting "
                "advertisements on the outside walls of "
                "buildings, a long-standing and cheap way "
                "of advertising in China's towns and "
                "countryside.",
                "background_zh_hant": "「刷牆」指在建築物外牆上刷寫廣告，是中國城鎮與鄉村長期以來常見的低成本廣告方式。",
            },
        },
        "going-global": {
            "text": {
                "title_en": ("Going global and expanding the map of growth", "Going global and extending their reach"),
                "body_zh_hant": (
                    "在今年,我們看到越來越多的電商開始將自己的業務線向外延伸,例如淘寶全球購、天貓國際、聚美優品開放海淘專區、蘇寧成立跨境電商專案組等等。",
                    "在今年，我們看到越來越多的電商開始將自己的業務線向外延伸，例如淘寶全球購、天貓國際、聚美優品開放海淘專區、蘇寧成立跨境電商專案組等等。",
                ),
            }
        },
        "internet-finance": {
            "text": {
                "summary_en": (
                    "With consumer credit, crowdfunding, credit payment "
                    "and P2P lending platforms, e-commerce is taking on "
                    "more and more banking functions.",
                    "With JD Finance, credit payment for Taobao sellers "
                    "and ever more P2P lending platforms, e-commerce is "
                    "taking on more and more banking functions.",
                ),
                "summary_zh_hant": (
                    "從消費信貸、眾籌、信用支付到P2P平臺，電商兼具了越來越多的銀行功能。",
                    "從京東金融、支付寶的信用支付到越來越多的P2P平臺，電商兼具了越來越多的銀行功能。",
                ),
                "body_en": (
                    "In the second half of this year we have seen JD.com "
                    "launch its JD Finance platform, with features "
                    "including JD Baitiao consumer credit and project "
                    "crowdfunding; Alipay has also introduced a credit "
                    "payment method for Taobao sellers; and more and more "
                    "P2P lending platforms have emerged. E-commerce has "
                    "taken on more and more banking functions, and all of "
                    "this shows us the ambitions e-commerce has for the "
                    "future in Internet finance.",
                    "In the second half of this year we have seen JD.com "
                    "launch its JD Finance platform, with features "
                    "including JD Baitiao and project crowdfunding; Alipay "
                    "has also introduced a credit payment method for Taobao "
                    "sellers; and more and more P2P lending platforms have "
                    "emerged. E-commerce has taken on more and more banking "
                    "functions, and all of this shows us the ambitions "
                    "e-commerce has for the future in Internet finance.",
                ),
                "body_zh_hant": (
                    "在今年下半年我們看到京東推出了包含京東白條、專案眾籌等功能的京東金融平臺、支付寶也針對淘寶賣家推出了信用支付手段,以及越來越多P2P平臺湧現,電商兼具了越來越多的銀行功能,這些都讓我們看到,未來電商在網際網路金融方面的野心。",
                    "在今年下半年我們看到京東推出了包含京東白條、專案眾籌等功能的京東金融平臺、支付寶也針對淘寶賣家推出了信用支付手段，以及越來越多P2P平臺湧現，電商兼具了越來越多的銀行功能，這些都讓我們看到，未來電商在網際網路金融方面的野心。",
                ),
            },
            "background": {
                "background_en": "JD Baitiao (京東白條) is JD.com's "
                "consumer-credit service: shoppers buy now "
                "and pay later or in instalments.",
                "background_zh_hant": "京東白條是京東的消費信貸服務，讓消費者先購物、後付款或分期付款。",
            },
        },
        "vertical-e-commerce": {
            "text": {
                "body_zh_hant": (
                    "互聯化幫助各產業鏈縮減了其中一部分環節,甚至是促進了上游和終端的直接連線,削減了中間成本。生鮮電商就是非常不錯的例子並頗具潛力,種植商可通過電商平臺直接面對使用者,使用者可以通過電商平臺瞭解生鮮產品的生長過程,買到更為放心的食品。",
                    "互聯化幫助各產業鏈縮減了其中一部分環節，甚至是促進了上游和終端的直接連線，削減了中間成本。生鮮電商就是非常不錯的例子並頗具潛力，種植商可通過電商平臺直接面對使用者，使用者可以通過電商平臺瞭解生鮮產品的生長過程，買到更為放心的食品。",
                )
            }
        },
        "o2o-partnerships": {
            "text": {
                "summary_zh_hant": (
                    "電商須與線下建立聯絡才算建立完整的生態鏈，萬達、百度、騰訊組成的WBT聯盟展示了多方合作的O2O之路。",
                    "電商須與線下建立聯繫才算建立完整的生態鏈，萬達、百度、騰訊組成的WBT聯盟展示了多方合作的O2O之路。",
                ),
                "body_zh_hant": (
                    "電商這一依託線上交易的網際網路產物只有與線下建立聯絡,才能說是建立了完整的生態鏈。但是傳統商務從線下走向線上容易,但在線上佔據絕對優勢的電子商務如何走向線下,鋪好線下的路子,需要面對的問題則十分具有挑戰性,今年9月萬達、百度、騰訊戰略合作形成WBT聯盟就O2O展開合作,雖前途必將坎坷,但集合了萬達的線下優勢以及百度的資料分析能力以及騰訊平臺的社交優勢,這將是一次非常值得借鑑的經驗。",
                    "電商這一依託線上交易的網際網路產物只有與線下建立聯繫，才能說是建立了完整的生態鏈。但是傳統商務從線下走向線上容易，但在線上佔據絕對優勢的電子商務如何走向線下，鋪好線下的路子，需要面對的問題則十分具有挑戰性，今年9月萬達、百度、騰訊戰略合作形成WBT聯盟就O2O展開合作，雖前途必將坎坷，但集合了萬達的線下優勢以及百度的資料分析能力以及騰訊平臺的社交優勢，這將是一次非常值得借鑑的經驗。",
                ),
            }
        },
        "fashion": {
            "text": {
                "summary_zh_hant": (
                    "天貓、京東、噹噹爭相為自身品牌打上時尚的烙印，以順應日益年輕化、個性化的使用者群體。",
                    "天貓、京東、當當爭相為自身品牌打上時尚的烙印，以順應日益年輕化、個性化的使用者群體。",
                ),
                "body_en": (
                    "Tmall announced a fashion strategy, building an ecosystem of "
                    "its own in the fashion world, from commissioning fashion shoots "
                    "and setting up shopping-guide features to staging fashion "
                    "shows; JD.com also announced an in-depth partnership with "
                    "Harper's Bazaar China to change the imbalance between male and "
                    "female users on JD.com. Then, more recently, Dangdang changed "
                    "its brand logo to emphasize its fashion credentials. We see "
                    "e-commerce companies racing to stamp their brands with fashion, "
                    "and this is inseparable from the character of e-commerce's user "
                    "base: e-commerce users are becoming ever more visibly younger "
                    "and more individualistic. When it comes to winning new users "
                    "while keeping existing users interested, playing the fashion "
                    "card is clearly a move in step with the times.",
                    "Tmall announced a fashion strategy, building an ecosystem of "
                    "its own in the fashion world, from commissioning fashion shoots "
                    "and setting up shopping-guide features to staging fashion "
                    "shows; JD.com also announced that it would enter an in-depth "
                    "partnership with Harper's Bazaar China, to change the imbalance "
                    "between male and female users on JD.com. Then, more recently, "
                    "Dangdang changed its brand logo to emphasize its fashion "
                    "credentials. We see e-commerce companies racing to stamp their "
                    "brands with fashion, and this is inseparable from the character "
                    "of e-commerce's user base: e-commerce users are becoming ever "
                    "more visibly younger and more individualistic. When it comes to "
                    "winning new users while keeping existing users interested, "
                    "playing the fashion card is clearly a move in step with the "
                    "times.",
                ),
                "body_zh_hant": (
                    "天貓釋出時尚戰略,從時尚大片的定製、建立導購專題到釋出時裝秀打造其時尚圈生態鏈,京東也宣佈將與《時尚芭莎》展開深度合作改變京東使用者男女比例失調的局面。再到近期噹噹更換品牌Logo強調當當的時尚屬性,我們看到電商們爭相為自身品牌打上時尚的烙印,這與電商的使用者群體屬性是分不開的,電商使用者年輕化、個性化的體現越來越明顯,如何網羅新使用者,並保持老使用者的新鮮感,打時尚牌顯然是順應潮流之舉。",
                    "天貓發布時尚戰略，從時尚大片的定製、建立導購專題到發布時裝秀打造其時尚圈生態鏈，京東也宣佈將與《時尚芭莎》展開深度合作改變京東使用者男女比例失調的局面。再到近期噹噹更換品牌Logo強調當當的時尚屬性，我們看到電商們爭相為自身品牌打上時尚的烙印，這與電商的使用者群體屬性是分不開的，電商使用者年輕化、個性化的體現越來越明顯，如何網羅新使用者，並保持老使用者的新鮮感，打時尚牌顯然是順應潮流之舉。",
                ),
            }
        },
        "basic-services": {
            "text": {
                "summary_en": (
                    "As e-commerce shifts to a more refined model of "
                    "development, basic services such as logistics and "
                    "after-sales service have become a new focus of "
                    "competition.",
                    "Having moved from grabbing users to managing growth "
                    "in finer detail, e-commerce companies now compete "
                    "again on basic services such as logistics and "
                    "after-sales service.",
                ),
                "body_en": (
                    "China's e-commerce companies have gone from an early, "
                    "extensive scramble for users to strengthening their "
                    "fundamentals today, gradually shifting to a more refined "
                    "model of development. With this refinement, links such "
                    "as logistics and after-sales service, which directly "
                    "determine a brand's reputation and how loyal its users "
                    "are, have become especially important. Although service "
                    "has been the main selling point ever since e-commerce "
                    "was born, consumers are not satisfied, which means their "
                    "needs have not been met, and so a new point of "
                    "competition has emerged.",
                    "China's e-commerce companies began by grabbing users "
                    "wholesale, with little care for detail; today they are "
                    "building up their core strengths, and are gradually "
                    "turning to growth managed in finer detail. Once they "
                    "work that way, links such as logistics and after-sales "
                    "service, which directly decide a brand's reputation and "
                    "how loyal its users are, become especially important. "
                    "Although service has been the main selling point ever "
                    "since e-commerce was born, consumers are not satisfied, "
                    "which means their needs have not been met, and so a new "
                    "point of competition has emerged.",
                ),
                "body_zh_hant": (
                    "國內電商通過早期粗放式的搶奪使用者開始到如今修煉內功,逐漸轉變為精細化的發展模式。精細化後,例如物流、售後這些直接決定品牌美譽度以及使用者黏性的環節,變得尤其重要。雖然自電商誕生起,服務便是主打牌,但是消費者不滿意,這就意味消費者的需求沒有得到滿足,於是新的競爭點就出現了。",
                    "國內電商通過早期粗放式的搶奪使用者開始到如今修煉內功，逐漸轉變為精細化的發展模式。精細化後，例如物流、售後這些直接決定品牌美譽度以及使用者黏性的環節，變得尤其重要。雖然自電商誕生起，服務便是主打牌，但是消費者不滿意，這就意味消費者的需求沒有得到滿足，於是新的競爭點就出現了。",
                ),
            }
        },
        "micro-stores": {
            "text": {
                "body_zh_hant": (
                    "在支付平臺日益完善,社交平臺越來越優質的使用者體驗下,我們會發現你身邊的朋友、家人都開啟了微店,做起了生意,這一類藉助自身的口碑效益逐漸積累了不少忠實使用者的微商群體在逐漸擴大,可以說我們目前進入到了人人皆電商的時代,與此同時,成熟的電商平臺也在“微”平臺開放入口,通過降低佣金等等舉措來網羅更多的賣家,在今後一年內,這種趨勢仍將保持強勁的增長態勢。",
                    "在支付平臺日益完善，社交平臺越來越優質的使用者體驗下，我們會發現你身邊的朋友、家人都開啟了微店，做起了生意，這一類藉助自身的口碑效益逐漸積累了不少忠實使用者的微商群體在逐漸擴大，可以說我們目前進入到了人人皆電商的時代，與此同時，成熟的電商平臺也在「微」平臺開放入口，通過降低佣金等等舉措來網羅更多的賣家，在今後一年內，這種趨勢仍將保持強勁的增長態勢。",
                )
            }
        },
        "internet-of-things": {
            "text": {
                "title_en": (
                    "The Internet of Things becomes a new source of e-commerce traffic",
                    "The Internet of Things becomes a new entry point for e-commerce traffic",
                ),
                "body_en": (
                    "If you drew up a list of the year's buzzwords, terms "
                    "such as wearable devices and smart home would "
                    "certainly earn their place on it. We see more and "
                    "more technology companies and start-up newcomers "
                    "joining the ranks of smart-device makers, with smart "
                    "watches, air monitors, Siri air conditioners and "
                    "more appearing one after another. This broad trend "
                    "means that e-commerce will be able to gain new "
                    "traffic from more platforms beyond the Internet and "
                    "the mobile Internet, and the emergence of fragmented "
                    "shopping patterns is further driving the broad trend "
                    "of the Internet of Things (IoT) becoming a new "
                    "gateway for e-commerce traffic.",
                    "If you drew up a list of the year's buzzwords, terms "
                    "such as wearable devices and smart home would "
                    "certainly earn their place on it. We see more and "
                    "more technology companies and start-up newcomers "
                    "joining the ranks of smart-device makers, with smart "
                    "watches, air monitors, Siri air conditioners and "
                    "more appearing one after another. This broad trend "
                    "means that e-commerce will be able to gain new "
                    "traffic from more platforms than the Internet and "
                    "the mobile Internet. And as shopping breaks up into "
                    "small moments spread through the day, the Internet "
                    "of Things (IoT) is all the more set to become a new "
                    "entry point for e-commerce traffic.",
                ),
                "body_zh_hant": (
                    "如果做年度熱詞排行榜的話,可穿戴裝置、智慧家居等詞必然當仁不讓地上榜。我們看到越來越多的科技公司、創業新生軍加入智慧裝置行列,智慧手錶、空氣監測器、siri空調等不斷湧現,這一大趨勢使得電商將可從除網際網路、移動網際網路以外更多平臺獲取新的流量,碎片化購物模式的形成更推動了物聯網成為電商流量新入口的大趨勢。",
                    "如果做年度熱詞排行榜的話，可穿戴裝置、智慧家居等詞必然當仁不讓地上榜。我們看到越來越多的科技公司、創業新生軍加入智慧裝置行列，智慧手錶、空氣監測器、Siri空調等不斷湧現，這一大趨勢使得電商將可從除網際網路、移動網際網路以外更多平臺獲取新的流量，碎片化購物模式的形成更推動了物聯網成為電商流量新入口的大趨勢。",
                ),
            }
        },
        "precision-marketing": {
            "text": {
                "summary_en": (
                    "Sellers have always pursued precision marketing, "
                    "and recommending products to the users who need "
                    "them will remain a constant trend in e-commerce.",
                    "Sellers have always pursued precision marketing; "
                    "for e-commerce, recommending products to exactly "
                    "the users who need them will stay the aim for "
                    "years to come.",
                ),
                "body_en": (
                    "What sellers have really pursued from start to "
                    "finish is precision marketing: money must be spent "
                    "where it counts, and that is the first rule when "
                    "weighing costs. For e-commerce, how to recommend "
                    "products in a targeted way to the users who need "
                    "them has been a constant trend in recent years and "
                    "will remain one in the years to come.",
                    "What sellers have really pursued from start to "
                    "finish is precision marketing: money must be spent "
                    "where it counts, and that is the first rule when "
                    "weighing costs. For e-commerce, the task is to "
                    "recommend each product to the users who need it; "
                    "that has not changed in recent years, and it will "
                    "not change in the years to come.",
                ),
                "body_zh_hant": (
                    "作為銷售者,其實從始至終追求的就是精準化營銷,花錢就要花在刀刃上,這是成本考量的第一要訣,對於電商來說,如何將產品定向推薦給需要的使用者,這在近幾年以及未來幾年都將會是不變的趨勢。",
                    "作為銷售者，其實從始至終追求的就是精準化營銷，花錢就要花在刀刃上，這是成本考量的第一要訣，對於電商來說，如何將產品定向推薦給需要的使用者，這在近幾年以及未來幾年都將會是不變的趨勢。",
                ),
            }
        },
    }
}


def correct(apps, schema_editor):
    from content.seed_corrections import correct_seeded_records
    from search.models import fill_search_text

    for model_name, corrections in CORRECTIONS.items():
        correct_seeded_records(apps, "trends", model_name, corrections, REASON, TRANSLATED_FIELDS[model_name])
        fill_search_text(apps.get_model("trends", model_name), SEARCHED_COLUMNS[model_name])


class Migration(migrations.Migration):
    dependencies = [("trends", "0004_background_and_source_paragraphs"), ("editors", "0002_translation_baselines")]

    # Not reversible in any useful sense: the old texts were wrong. Reversing leaves the texts as they are.
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
