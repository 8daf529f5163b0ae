package disclosure

// The Engine: a policy validated once, that decides many times.

// An Engine is a policy validated once, for a service that decides many
// advisories: its Disclose and Plan give exactly what [Disclose] and [Plan]
// give for the policy. It keeps its own deep copy of the policy and is safe
// for concurrent use. The zero Engine decides nothing: its methods return
// an error wrapping [ErrInvalidPolicy].
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

// NewEngine validates the policy, as [Policy.Validate] does, and returns
// an Engine that decides by it.
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

// Disclose is [Disclose] under the engine's policy.
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

// Plan is [Plan] under the engine's policy.
func (e *Engine) Plan(a Advisory, partners []Partner) ([]Disclosure, error) {
	if e == nil || e.r.p == nil {
		return nil, errNoEngine()
	}
	return e.r.plan(nil, &a, partners)
}
