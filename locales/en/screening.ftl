# Disinformation screening: risk level and reasons, for admins.
# Reasons are listed strongest first.

screening-title = Hoax screening
screening-level-low = Low risk
screening-level-medium = Medium risk: please check
screening-level-high = High risk: check carefully
screening-score = Risk score: { $score }
screening-closest-claims = Closest known hoax claims:

screening-reason-known-claim = Similar to a known hoax claim ({ $similarity }%): "{ $claim }"
screening-reason-known-image = Image matches a known hoax image ({ $distance } bits apart)
screening-reason-cue-spread = Call to spread the message: "{ $phrase }"
screening-reason-cue-urgency = Urgent or alarming tone: "{ $phrase }"
screening-reason-cue-attribution = Unverifiable source: "{ $phrase }"
screening-reason-cue-assurance = Insists it is true without evidence: "{ $phrase }"
screening-reason-cue-miracle = Miracle-cure claim: "{ $phrase }"
screening-reason-cue-money = Money or prize lure: "{ $phrase }"
screening-reason-cue-conspiracy = Conspiracy language: "{ $phrase }"
screening-reason-cue-clarification = Reads like an official clarification or denial: "{ $phrase }"
screening-reason-shouting = Mostly capital letters ({ $percent }% of letters)
screening-reason-punctuation = Excessive exclamation/question marks ("{ $sample }", { $count } times)
screening-reason-link-shortener = Link shortener hides the real address: { $domain }
screening-reason-link-hoax-domain = Link to a site listed for hoaxes/satire: { $domain }
screening-reason-link-mismatch = Link text shows { $shown } but leads to { $target }
screening-reason-link-impersonation = Link address uses the name "{ $word }" but is not an official site: { $domain }
screening-reason-classifier = The learning model rates it { $percent }% hoax-like (words: { $words })
screening-reason-classifier-not-ready = Learning model not active yet: only { $count } admin decisions ({ $hoax } hoax, { $valid } valid; { $needed } of each needed)
