package disclosure

// The Engine: a policy validated once, that decides many times.

// An Engine is a policy validated once and made ready to decide. Its
// Disclose and Plan give exactly what the package's [Disclose] and [Plan]
// give for its policy, without validating the policy again at every call.
//
// Use an Engine when one policy decides many advisories or partners, as a
// service does; the package's functions are simpler for a single call.
//
// An Engine keeps its own deep copy of the policy: changing the Policy
// given to [NewEngine] afterwards changes nothing. It is immutable and safe
// for concurrent use. The zero Engine has no policy and decides nothing:
// each of its methods returns an error wrapping [ErrInvalidPolicy].
type Engine struct {
	policy Policy
	r      rules
}

// errNoEngine is returned by the methods of an Engine not made by
// NewEngine; a new one each time, since a caller may change what it gets.
func errNoEngine() error {
	return &ValidationError{Problems: []*FieldError{{Err: ErrInvalidPolicy,
		Message: "the Engine has no policy: make it with NewEngine"}}}
}

// NewEngine validates the policy and returns an Engine that decides by it.
// An invalid policy is a *[ValidationError] wrapping [ErrInvalidPolicy],
// listing every problem with its path, as [Policy.Validate] does.
func NewEngine(p Policy) (*Engine, error) {
	e := &Engine{policy: p.clone()}
	ps := problems{input: ErrInvalidPolicy}
	sets := e.policy.validate(&ps)
	if err := asError(&ps); err != nil {
		return nil, err
	}
	e.r = compile(&e.policy, sets)
	e.r.prepare()
	return e, nil
}

// Policy returns a deep copy of the engine's policy.
func (e *Engine) Policy() Policy {
	if e == nil || e.r.p == nil {
		return Policy{}
	}
	return e.policy.clone()
}

// Disclose decides what one partner receives of one advisory, as the
// package's [Disclose] does under the engine's policy. Errors list the
// problems of the advisory ("advisory.…") and the partner ("partner.…").
func (e *Engine) Disclose(a Advisory, to Partner) (Disclosure, error) {
	if e == nil || e.r.p == nil {
		return Disclosure{}, errNoEngine()
	}
	var d Disclosure
	if err := e.r.disclose(&d, nil, &a, &to); err != nil {
		return Disclosure{}, err
	}
	return d, nil
}

// Plan decides for every partner, as the package's [Plan] does under the
// engine's policy.
func (e *Engine) Plan(a Advisory, partners []Partner) ([]Disclosure, error) {
	if e == nil || e.r.p == nil {
		return nil, errNoEngine()
	}
	return e.r.plan(nil, &a, partners)
}
