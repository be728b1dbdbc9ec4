//! English word lists (lower case), entries separated by `|`. `*` at the end of an entry
//! matches any word ending (`disconnect*` → disconnects, disconnected); other entries
//! match whole words.
//!
//! Weights are in tenths, as in the Chinese lists.

use super::{Category, WordLists};
use crate::cases::Cause::{self, *};

const CUES: &[(Cause, u8, &str)] = &[
    (
        Quality,
        20,
        "broke|broken|breaks|stopped working|quit working|stop working|stops working|\
        doesn't work|does not work|didn't work|did not work|not working|won't work|\
        never worked|never could get it to work|can't get it to work|\
        couldn't get it to work|stopped connecting|won't connect|can't connect|\
        cannot connect|couldn't connect|unable to connect|disconnect*|keeps dropping|\
        drops connection|won't turn on|doesn't turn on|will not turn on|dead on arrival|doa|\
        defective|faulty|malfunction*|crash*|freez*|froze|reboot*|glitch*|buggy|laggy|\
        unresponsive|not responsive|doesn't respond|does not respond|doesn't understand|\
        does not understand|can't understand|misunderst*|doesn't recognize|rarely gets|\
        poor quality|low quality|bad quality|cheap material|cheaply made|feels cheap|\
        looks cheap|felt cheap|cheap looking|cheap feeling|flimsy|fell apart|falling apart|\
        came apart|tore|torn|ripped|holes|hole|snag*|pilling|pilled|pills|shrunk|shrank|\
        shrinks|faded|stain*|wore through|worn out|unravel*|itchy|scratchy|see-through|\
        see through|low volume|volume is low|too quiet|can't hear|overheat*|gets hot|\
        battery died|battery dies|doesn't hold a charge|won't charge|not charging|fake|\
        counterfeit|knock off|knockoff|refurbished|piece of junk|piece of garbage|\
        piece of crap|useless|doesn't play|won't play|won't load|not load|buffering|\
        no sound|black screen|not compatible|incompatible|doesn't support|does not support|\
        hard to use|hard to navigate|difficult to use|poorly made|poorly constructed|\
        poor construction|sewn unevenly|uneven*|zipper broke|button fell off|smells|odor|\
        poor sound|sound is terrible|speaker is terrible|scratch*|rough|stiff|\
        stitching came|seam ripped|came unstitched|loose threads|wrinkles easily|wrinkled|\
        static cling|color bled|bleeds|stopped charging|won't hold a charge|dead pixel|\
        no signal|keeps disconnecting|drops out|cuts out|stops responding|not loud enough|\
        poor reception|doesn't last|didn't last|lasted only|only lasted|stopped after|\
        won't respond|slow to respond|keeps saying|doesn't answer|can't answer|hard to hear|\
        washed out|too low cut|low cut|caught fire|sparks|sparked|shocked me|exploded|\
        burned out|burnt out|allergic reaction|gave me a rash|food poisoning|made me sick|\
        break",
    ),
    (
        Quality,
        10,
        "thin|sheer|noise|smell|garbage|junk|crap|issue|issues|problem|problems|lousy|subpar|\
        sub-par|mediocre|cheap|hard",
    ),
    (
        NotAsDescribed,
        20,
        "runs small|runs large|runs big|run small|run large|ran small|ran large|runs short|\
        runs long|too small|too big|too large|too long|too short|too tight|too loose|\
        too wide|too boxy|way too big|way too small|way too long|way too large|huge|\
        enormous|tent|tent-like|tent like|boxy|sack*|potato sack|shapeless|no shape|\
        unflattering|not flattering|wasn't flattering|isn't flattering|not very flattering|\
        not so flattering|frumpy|matronly|ill fitting|ill-fitting|doesn't fit|didn't fit|\
        did not fit|does not fit|fit poorly|fits poorly|poor fit|awkward fit|odd fit|\
        weird fit|fit was terrible|fit is terrible|fit is a disaster|size down|size up|\
        sized down|not as pictured|not as described|not as shown|not as advertised|\
        not as expected|not what i expected|nothing like the picture|nothing like the photo|\
        looks nothing like|different than pictured|different from the picture|\
        nothing like shown|color is off|color was off|not the color|swimming in|gapes|\
        gaping|gaps open|rides up|falling off|bulky|puffy|poofy|makes me look|made me look|\
        sizes larger|sizes smaller|not the size|size chart is wrong|sizing is off|\
        sizing was off|fit is off|fit was off|didn't look like the picture|\
        doesn't look like the picture|does not look like the picture|not like the picture|\
        different color|color is different|lighter than pictured|darker than pictured|\
        looks different|looked different",
    ),
    (
        NotAsDescribed,
        10,
        "sizing|usual size|my normal size|normal size|in the picture|in the photo|\
        on the model|the model|pictured|photo|picture|in person|expected|hoped|fit|size|\
        petite|ordered a|ordered the|no give|oversized",
    ),
    (
        NotAsDescribed,
        6,
        "cut|wide|short|long|large|big|small|tight|loose|hips|chest|bust|waist",
    ),
    (
        Logistics,
        20,
        "slow shipping|slow delivery|shipping was slow|delivery was slow|took forever|\
        took weeks|took a week|arrived late|late delivery|delivered late|never arrived|\
        never received|hasn't arrived|didn't arrive|did not arrive|not arrived|\
        still waiting|lost package|package was lost|left on|in the rain|rain-soaked|\
        rain soaked|damaged in shipping|damaged in transit|damaged during shipping|\
        delivery was not made|wasn't delivered|not delivered|was not delivered|\
        scheduled day|wrong address|delivered to the wrong|days late|weeks late|\
        lost in the mail|package was stolen|stolen|left at the door|shipping took|\
        delivery took|never showed up|still hasn't arrived|arrived a week",
    ),
    (
        Logistics,
        10,
        "porch|doorstep|top step|soaked|delayed|delay*|late|tracking",
    ),
    (
        Packaging,
        20,
        "poorly packaged|poorly packed|badly packed|badly packaged|not packaged|no packaging|\
        packaged poorly|box was crushed|crushed box|box was damaged|damaged box|dented box|\
        box was open|opened box|seal was broken|broken seal|no bubble wrap|leaked|spilled|\
        box was ripped|came in a bag|no box|unsealed|tampered|package was damaged|\
        arrived crushed",
    ),
    (
        Service,
        20,
        "rude|unhelpful|not helpful|no response|never responded|didn't respond|\
        did not respond|without response|never heard back|no reply|ignored|couldn't help|\
        could not help|wouldn't help|refused|won't replace|wouldn't replace|weren't willing|\
        no help|hung up|runaround|run around|on hold|poor service|bad service|\
        terrible service|horrible service|customer service couldn't|without response|\
        no one called|never called|never got back|didn't get back|did not get back|\
        no one responded|nobody responded|won't refund|wouldn't refund|refused to refund|\
        denied my return|denied the return|would not refund|poor customer service|\
        bad customer service|terrible customer service|awful customer service",
    ),
    (Service, 10, "told me|was told|wait a week|waited|warranty"),
    (
        ShippingError,
        20,
        "wrong item|wrong color|wrong one|sent the wrong|sent me the wrong|\
        received the wrong|got the wrong|sent a different|missing parts|missing piece*|\
        was missing|were missing|didn't include|did not include|never shipped|not shipped|\
        hasn't shipped|incomplete|only received|missing|wrong size was sent|\
        sent the wrong size|sent me the wrong size|received a different|\
        not the one i ordered|not what i ordered|didn't receive the|missing the|\
        parts missing|pieces missing|came without",
    ),
    (ShippingError, 10, "not included"),
    (
        Price,
        20,
        "overpriced|over priced|over-priced|too expensive|very expensive|so expensive|pricey|\
        too much money|not worth|isn't worth|wasn't worth|not worth the money|\
        waste of money|price dropped|price drop|dropped the price|monthly fee|pay a monthly|\
        absurdly overpriced|a lot to pay|lot of money|for the price|at this price|\
        cost too much|costs too much|paid full price|too pricey|not worth the price|\
        isn't worth the price|way too expensive|price is too high",
    ),
    (
        Price,
        10,
        "expensive|cheaper|subscription|fee|fees|charged|$",
    ),
    (Other, 10, "parking"),
    (Logistics, 15, "threw the|thrown|tossed"),
];

const ASPECTS: &[(Cause, u8, &str)] = &[
    (
        Quality,
        15,
        "quality|material|materials|fabric|construction|stitching|seams|zipper|sound|audio|\
        volume|bass|battery|screen|display|app|software|microphone|mic|wifi|wi-fi|\
        connection|voice recognition|voice control|remote|hub|speaker|lining|yarn|yarns|\
        texture|print|pattern|neckline|sleeves",
    ),
    (
        Quality,
        10,
        "product|item|device|unit|echo|dot|alexa|firestick|fire tv|fire stick|dress|shirt|\
        sweater|skirt|blouse|jacket|pants|jeans|top",
    ),
    (
        NotAsDescribed,
        15,
        "fit|fits|fitting|size|sizing|cut|shape|silhouette|length|color|colour|colors|\
        description",
    ),
    (
        Logistics,
        15,
        "shipping|delivery|shipment|courier|carrier|ups|fedex|usps|package",
    ),
    (Packaging, 15, "packaging|box|wrapping"),
    (
        Service,
        15,
        "customer service|support|tech support|service|seller|rep|representative|agent|staff|\
        employee|technical support",
    ),
    (Price, 15, "price|cost|value|money|priced|retail"),
];

const NEG_DEFAULT: &[(Cause, u8, &str)] = &[(NotAsDescribed, 10, "too much fabric|way too much")];

const NEG: &str =
    "bad|poor|poorly|terrible|horrible|awful|worst|disappointing|disappointed|disappoint*|\
    dissapoint*|disapoint*|mediocre|subpar|lousy|crappy|crap|junk|garbage|useless|slow|rude|\
    unhelpful|frustrating|frustrated|annoying|problem|problems|issue|issues|not good|\
    not great|meh|weird|wierd|awkward|uncomfortable|ugly|unacceptable|cheap|wrong|hate|\
    hated|sucks|not happy|unhappy|fail*|not impressed|underwhelming|lacking|lacks|limited|\
    difficult|pain|nightmare|disaster|ridiculous|waste|tacky|gaudy|gawdy|dull|stiff|\
    scratchy|itchy|thin|low|very low|sad|ugh|nope|hard|terribly|worse|strange|odd|boring";

const POS: &str =
    "good|great|love|loved|loves|like|liked|nice|beautiful|cute|lovely|perfect|perfectly|\
    excellent|amazing|awesome|fast|quick|quickly|soft|comfortable|happy|gorgeous|fine|\
    vibrant|adorable|flattering|well made|fantastic|wonderful|works fine|works great|\
    works well|works perfectly|best|helpful|friendly|cool|interesting|nicely|fits well|\
    fit well|fitted well|true to size|high quality|good quality|great quality|\
    excellent quality|very good quality";

const NEGATORS: &str =
    "not|no|never|don't|doesn't|didn't|isn't|wasn't|won't|can't|cannot|couldn't|wouldn't|\
    aren't|weren't|hasn't|haven't|shouldn't|without|hardly|nothing|neither|nor|dont|doesnt|\
    didnt|isnt|wasnt|wont|cant|barely";

const CONTRAST: &str =
    "but|however|unfortunately|sadly|except|though|although|yet|instead|only problem|\
    only issue|the problem|the issue";

const EMPHASIS: &str = "even|literally|absolutely";

const ADDRESSEE: &str = "you|your|you're|seller|this store|this company";

const DINE_IN: &str = "waiter|waitress|restaurant|our table|the table|dine in";

const NEUTRAL: &str =
    "fire tv|fire stick|kindle fire|fire hd|fire tablet|sick of|no problem|no problems|\
    no issue|no issues|not a problem|too bad|pretty much|pretty sure|at least|as well|\
    well as|as long|long time|like the|looks like|look like|feels like|felt like|seems like|\
    like a|like it|would like|i'd like|just like|back in|back to|back up|backup|not sure|\
    no matter|no one|no way|not only|hot tub|size chart|big fan|huge fan|a bit|it's|it is|\
    top step|no complaints|no complaint|not bad|no doubt";

const SAFETY: &str =
    "fire|caught fire|on fire|flames|smoke|sparks|sparked|shock|shocked|electrocut*|burn|\
    burned|burnt|explod*|injur*|hurt|cut myself|bleeding|allergic|allergy|allergies|rash|\
    hives|poison*|food poisoning|got sick|made me sick|vomit*|threw up|hospital|\
    emergency room|choking|choke|toxic|hazard*|dangerous|unsafe|safety";

const ESCALATION: &str =
    "lawyer|attorney|sue|suing|lawsuit|small claims|legal action|better business bureau|bbb|\
    ftc|report you|reporting you|consumer protection|chargeback|dispute the charge|\
    attorney general";

const REFUND: &str = "refund*|money back|reimburse*|credit back|full refund|my money";

const RETURN: &str =
    "return|returned|returning|returns|send it back|sent it back|sending it back|send back|\
    sent back|going back|went back|back it went|shipped it back|sending back|return it";

const EXCHANGE: &str = "exchange*|replacement|replace it|swap|a new one|send me another";

const DECLINES: &str =
    "keep it|will keep|i'll keep|decided to keep|kept it|will keep it|so i will keep";

const STAFF: &str =
    "waiter|waitress|cashier|manager|employee|staff member|salesperson|sales associate|\
    associate|technician|installer|rep named|agent named|representative named|the rep|\
    the agent|support person";

const COURIER: &str =
    "courier|delivery guy|delivery man|deliveryman|delivery driver|delivery person|mailman|\
    mail carrier|postman|driver|ups guy|fedex guy";

const INSTALLER: &str = "installation|installer|installers|install fee|installation fee|\
    technician|tech came|repairman|repair man";

const GIFT: &str = "free gift|freebie|bonus gift|the gift";

const EXTORTION: &str =
    "unless you pay|unless you refund|or i will leave|or i'll leave|otherwise i will|\
    if you pay me|pay me and";

const REVIEW_CHANGE: &str =
    "change my review|change the review|update my review|update the review|remove my review|\
    remove the review|delete my review|delete the review|revise my review|five stars if|\
    5 stars if|raise my rating|change my rating|take down this review|take this review down";

const DEMAND: &str =
    "pay me|give me money|compensat*|cash|gift card|free product|send me a free|free one|\
    paypal|$";

// What the buyer already got, and what the seller offered for a better review: not a
// demand by the buyer.
const RECEIVED: &str =
    "gave me a|gave me an|refunded me|they refunded|amazon refunded|sent me a free|\
    sent me a replacement|offered me|offering me|asked me to change|asked me to remove|\
    asked me to update|wanted me to change|wants me to change|in exchange for a positive|\
    in exchange for a 5|in exchange for a five";

// What Amazon or the marketplace, not the seller, gave the buyer.
const PLATFORM_BENEFIT: &str = "a-to-z|a to z claim|a to z guarantee|amazon credited|amazon gave|\
    amazon compensated|amazon offered|amazon sent|amazon credit|promotional credit|\
    gift card balance|amazon reimbursed";

const THREAT: &str =
    "keep leaving|more bad reviews|another bad review|one star until|bad review unless|\
    leave a bad review|leave a one star|leave 1 star";

const INSULT: &str = "fuck*|shit|bitch|idiot*|moron*|asshole*|scumbag*|retard*";

const NEVER_BOUGHT: &str =
    "never bought|never ordered|never purchased|didn't buy this|did not buy this|\
    didn't order this|did not order this|never bought this";

const COMPETITOR: &str = "competitor|competitors";

const MISATTRIBUTED: &str = "wrong review|meant to review|meant for another|this review is for|\
    review is for a different|posted this on the wrong|reviewing the wrong|\
    bought it elsewhere|bought it somewhere else|from another seller|not from this seller|\
    not this seller|wrong listing";

const REPEAT_BUYER: &str =
    "repeat customer|loyal customer|long time customer|longtime customer|regular customer|\
    ordered before|bought before|have bought several|devotee|i've bought|i have bought";

const CATEGORIES: &[(Category, &str)] = &[
    (
        Category::Apparel,
        "dress|shirt|blouse|sweater|skirt|pants|jeans|jacket|coat|shoes|socks|leggings|\
        shorts|hoodie|cardigan|bra|swimsuit",
    ),
    (
        Category::Electronics,
        "laptop|tablet|headphones|earbuds|charger|echo dot|alexa|firestick|kindle|smartphone",
    ),
    (
        Category::Appliance,
        "kettle|fridge|refrigerator|washer|microwave|blender|vacuum|hair dryer|air fryer|\
        toaster|water heater",
    ),
    (Category::Food, "fruit|snack|snacks|chocolate|cereal"),
    (
        Category::Beauty,
        "shampoo|conditioner|lotion|lipstick|perfume|serum|moisturizer",
    ),
    (
        Category::Books,
        "this book|the book|novel|paperback|hardcover",
    ),
];

pub(super) const LISTS: WordLists = WordLists {
    cues: CUES,
    aspects: ASPECTS,
    neg_default: NEG_DEFAULT,
    neg: NEG,
    pos: POS,
    negators: NEGATORS,
    contrast: CONTRAST,
    emphasis: EMPHASIS,
    addressee: ADDRESSEE,
    dine_in: DINE_IN,
    neutral: NEUTRAL,
    safety: SAFETY,
    escalation: ESCALATION,
    refund: REFUND,
    return_: RETURN,
    exchange: EXCHANGE,
    declines: DECLINES,
    staff: STAFF,
    courier: COURIER,
    installer: INSTALLER,
    gift: GIFT,
    extortion: EXTORTION,
    review_change: REVIEW_CHANGE,
    demand: DEMAND,
    received: RECEIVED,
    platform_benefit: PLATFORM_BENEFIT,
    threat: THREAT,
    insult: INSULT,
    never_bought: NEVER_BOUGHT,
    competitor: COMPETITOR,
    misattributed: MISATTRIBUTED,
    repeat_buyer: REPEAT_BUYER,
    categories: CATEGORIES,
};
