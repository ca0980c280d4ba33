# Disinformation screening: chance of a hoax, risk level and reasons, for admins.
# The chance starts from the hoax rate recorded in this district and each sign raises or
# lowers it. Reasons are listed strongest first.

screening-title = Hoax screening
screening-level-low = Low risk
screening-level-medium = Medium risk: please check
screening-level-high = High risk: check carefully
screening-score = Risk score: { $score }
screening-card-level = Screening: { $level } · chance of a hoax { $percent } %
screening-closest-claims = Closest known hoax claims:

# What the result is based on, in words, strongest first.
screening-basis = Based on: { $basis }
screening-basis-known-claim = similar to a known hoax claim, { $similarity } %
screening-basis-known-image = image similar to a known hoax image
screening-basis-classifier = like items the admins marked as hoax ({ $percent } % according to the model learnt from { $count } decisions)
screening-basis-style = chain-message style: { $parts }
screening-basis-links = suspicious links: { $parts }
screening-basis-none = no meaningful warning sign
screening-prior = Starting point: { $percent } % of items here turned out to be hoaxes ({ $count } admin decisions)
screening-prior-default = Starting point: an estimated { $percent } % of items are hoaxes (not enough admin decisions yet)

screening-part-cue-spread = call to spread
screening-part-cue-urgency = urgent tone
screening-part-cue-attribution = unclear source
screening-part-cue-assurance = insists without evidence
screening-part-cue-miracle = miracle cure
screening-part-cue-money = money lure
screening-part-cue-conspiracy = conspiracy language
screening-part-cue-clarification = clarifying tone
screening-part-shouting = capital letters
screening-part-punctuation = excessive exclamation marks
screening-part-link-shortener = link shortener
screening-part-link-hoax-domain = listed hoax site
screening-part-link-mismatch = misleading link text
screening-part-link-impersonation = imitates an institution's name

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
screening-reason-classifier = Model learnt from { $count } admin decisions: { $percent }% of items like this were hoaxes (words: { $words })
screening-reason-classifier-not-ready = Learning model not active yet: only { $count } admin decisions ({ $hoax } hoax, { $valid } valid; { $needed } of each needed)
screening-reason-ordinary = Reads like an ordinary community post (announcement, activity, official warning)
screening-images-unchecked = ⚠️ { $count } photo(s) could not be checked (Telegram did not hand them over); look at them yourself before deciding.
screening-member-level = { $level }
screening-basis-classifier-member = like posts found to be hoaxes before
