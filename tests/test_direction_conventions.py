"""Directions as the gold schema's conventions put them: a growth rate and a count of things added, created, hired,
built or lost have a direction; a level has none, nor does a comparative inside a modifier of the counted noun.
Invented sentences (general English usage, not from any measured text)."""
from __future__ import annotations

import pytest

INC, DEC = "increase", "decrease"

GROWTH = [
    ("Retail turnover grew 3.4% over the winter.", "3.4%", INC),
    ("Farm output expanded 2.7 percent in the second half.", "2.7 percent", INC),
    ("The province recorded growth of 5 percent last year.", "5 percent", INC),
    ("Analysts expect growth of 1.8% next year.", "1.8%", INC),
    ("Chip makers posted a 6% gain on Tuesday.", "6%", INC),
    ("Shipping volumes saw 7 percent growth in March.", "7 percent", INC),
    ("Tourism revenue climbed 9.5 percent.", "9.5 percent", INC),
    ("The fleet grew by 12 percent after the merger.", "12 percent", INC),
    ("Coastal fisheries contracted 0.8% in the spring.", "0.8%", DEC),
    ("Steel orders shrank 4 percent in the fourth quarter.", "4 percent", DEC),
    ("Timber exports posted a 3 percent decline.", "3 percent", DEC),
    ("The index ended the week with a 2.2% loss.", "2.2%", DEC),
]

COUNTS = [
    ("The hospital hired 450 nurses this spring.", "450", INC),
    ("Regional builders built 9,400 homes in two years.", "9,400", INC),
    ("The retailer created 6,500 positions across the north.", "6,500", INC),
    ("The canning sector gained 3,100 jobs in May.", "3,100", INC),
    ("Shipyards added 2,300 welders last quarter.", "2,300", INC),
    ("Some 300 engineers were recruited by the lab.", "300", INC),
    ("The ministry created 45 clinics in the north.", "45", INC),
    ("The state lost 14,000 factory jobs.", "14,000", DEC),
    ("The carrier announced 3,000 layoffs.", "3,000", DEC),
    ("The insurer confirmed 1,700 job cuts.", "1,700", DEC),
    ("The bank eliminated 1,200 roles.", "1,200", DEC),
    ("Mills shed 22,000 workers in the slump.", "22,000", DEC),
]

LEVELS = [
    ("The jobless rate stood at 5.2% in June.", "5.2%", None),
    ("The central bank's inflation target is 3 percent.", "3 percent", None),
    ("The government imposed a duty of 15% on copper wire.", "15%", None),
    ("The sales levy is set at 8 percent.", "8 percent", None),
    ("Unemployment remained at 6 percent for a year.", "6 percent", None),
    ("Ticket sales reached $4 billion.", "$4 billion", None),
    ("The price of a crate rose to $9.", "$9", None),
    ("The district has 2,400 teachers.", "2,400", None),
    ("A 20% tariff applies to imported bicycles.", "20%", None),
    ("The plan calls for widening the canal and building three piers.", "three", None),  # an activity named
    ("The charity created a $5 million relief fund.", "$5 million", None),  # money, not a count of things made
]

MODIFIER_COMPARATIVES = [
    ("The county maintains about 900 tunnels longer than 2 miles.", "900", None),
    ("There are some 3,500 vessels larger than 10,000 tonnes.", "3,500", None),
    ("The survey counted 600 farms bigger than 500 hectares.", "600", None),
    ("Roughly 40 peaks higher than 4,000 metres ring the valley.", "40", None),
    ("Companies with more than 250 employees must publish the figures.", "250", None),
    ("Schools with fewer than 200 pupils were merged.", "200", None),
    ("Loans of more than $10,000 need a second signature.", "$10,000", None),
    ("The board aims to hold price growth at 3 percent over the longer term.", "3 percent", None),
    ("The fund targets a yield of 4% over longer horizons.", "4%", None),
]

COMPARISONS = [  # a comparative right after the figure does compare: these keep their direction
    ("Heating bills were 12 percent higher than in 2019.", "12 percent", INC),
    ("The new model is 30% cheaper.", "30%", DEC),
    ("Rents in the suburbs are $200 lower.", "$200", DEC),
    ("Bus fares cost about $3 less than train fares.", "about $3", DEC),
    ("Trains ran 15 minutes longer on the coastal line.", "15 minutes", INC),
]

MORE_AND_PLUS = [  # 'more' right after the figure compares whatever follows it; 'plus' adds, it marks no change
    ("Farmers planted 25% more than in 2015.", "25%", INC),
    ("The council will spend $3 million more on parks.", "$3 million", INC),
    ("Orchards will get 12 percent more water.", "12 percent", INC),
    ("The mill will cut 40 more positions.", "40", DEC),
    ("The kit costs $60 plus $8 for shipping.", "$8", None),
    ("The flat has three bedrooms plus two bathrooms.", "two", None),
]

CHANGE_NAMED_BESIDE = [  # the counted things are the change a noun names; a gapped clause shares the verb
    ("The village saw a population decline of 850 residents.", "850", DEC),
    ("The audit found a loss of 1,300 teaching posts.", "1,300", DEC),
    ("The census showed an increase of 4,200 households.", "4,200", INC),
    ("The union reported a steep fall - 6,000 members - after the split.", "6,000", DEC),
    ("Wheat prices rose 8 percent, and barley 3 percent.", "3 percent", INC),
    ("Coal output dropped 5%, and gas output 2%.", "2%", DEC),
    ("A crew of 12 sailors sailed at dawn.", "12", None),
    ("The farm, a plot of 40 acres, was sold.", "40", None),
]

RATES_LISTS_AND_SUMS = [  # the rate of a change, a list of changes, a sum collected, a verb's particle
    ("Industrial output grew at an annual rate of 2.6% in the spring.", "2.6%", INC),
    ("Home sales fell at a pace of 4% a month.", "4%", DEC),
    ("Prices of rice, flour and sugar rose 21%, 8% and 5%, respectively.", "8%", INC),
    ("Prices of rice, flour and sugar rose 21%, 8% and 5%, respectively.", "5%", INC),
    ("The new levy would raise about $3 billion a year.", "about $3 billion", None),
    ("The museum raised $4 million from donors.", "$4 million", None),
    ("The council raised parking fees by $2.", "$2", INC),
    ("Pensions make up about a third of the budget.", "about a third", None),
    ("Imports take up 40% of the port's capacity.", "40%", None),
    ("Brent settled down $2.10, or 2.5%, at $81 a barrel.", "$2.10", DEC),
    ("The ruling sent bank shares up 6% by noon.", "6%", INC),
    ("The clinic shortened waiting lists by 30 days.", "30 days", DEC),
    ("The lease was extended by 5 years.", "5 years", INC),
    ("The firm raised its price $2.", "$2", INC),  # a second object: the price rose, no sum was raised
    ("A rally of 5,000 protesters marched downtown.", "5,000", None),
    ("Job cuts at 3 plants were announced.", "3", None),
    ("The collapse of 3 banks shook markets.", "3", None),
]

ALL = (GROWTH + COUNTS + LEVELS + MODIFIER_COMPARATIVES + COMPARISONS + MORE_AND_PLUS + CHANGE_NAMED_BESIDE
       + RATES_LISTS_AND_SUMS)


@pytest.mark.parametrize("sentence,text,direction", ALL, ids=[f"{row[0][:60]} {row[1]}" for row in ALL])
def test_direction_follows_the_conventions(extract, sentence, text, direction):
    claims = [c for c in extract(sentence) if text in c.text]  # 'about 900' holds '900'
    assert claims, f"no claim {text!r} in {[c.text for c in extract(sentence)]}"
    assert (claims[0].direction.value if claims[0].direction else None) == direction
