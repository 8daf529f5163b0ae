package strictjson_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/disclosurekit/disclosure/internal/strictjson"
)

// Level is an enum that accepts only known names.
type Level int

const (
	Low Level = iota + 1
	High
)

func (l *Level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = Low
	case "high":
		*l = High
	default:
		return fmt.Errorf("unknown level %q", b)
	}
	return nil
}

// Email is a struct with only unexported fields, decoded from a string.
type Email struct {
	local, domain string
}

func (e *Email) UnmarshalText(b []byte) error {
	local, domain, ok := strings.Cut(string(b), "@")
	if !ok || local == "" || domain == "" {
		return fmt.Errorf("%q is not an email address", b)
	}
	e.local, e.domain = local, domain
	return nil
}

type Tier struct {
	Name   string  `json:"name"`
	Lead   *Email  `json:"lead"`
	Level  Level   `json:"level"`
	Weight float64 `json:"weight,omitempty"`
	Rank   uint8   `json:"rank"`
}

type Policy struct {
	Version int             `json:"version"`
	Tiers   []Tier          `json:"tiers"`
	Owner   *string         `json:"owner"`
	Key     []byte          `json:"key"`
	Since   time.Time       `json:"since"`
	Contact Email           `json:"contact"`
	Counts  map[string]int  `json:"counts"`
	Extra   json.RawMessage `json:"extra"`
	Meta    any             `json:"meta"`
	Ratio   float32         `json:"ratio"`
	Levels  map[Level]bool  `json:"levels"`
	Note    string          // untagged: key "Note"
	Secret  string          `json:"-"`
	hidden  int             //lint:ignore U1000 an unexported field must be skipped, never decoded
}

type Base struct{ ID int }

type WithEmbedded struct {
	Base
	X int
}

type HasEmbedded struct {
	W WithEmbedded `json:"w"`
}

// Node is recursive, so nesting depth is limited only by the input.
type Node struct {
	Kids []Node `json:"kids"`
}

// Unsupported holds kinds this package refuses.
type Unsupported struct {
	Arr [2]int        `json:"arr"`
	Ch  chan int      `json:"ch"`
	Fn  func()        `json:"fn"`
	C   complex128    `json:"c"`
	St  fmt.Stringer  `json:"st"`
	M   map[int]int   `json:"m"`
	P   *[3]string    `json:"p"`
	S   []chan string `json:"s"`
}

func ptr[T any](v T) *T { return &v }

func TestUnmarshalHappyPath(t *testing.T) {
	in := `{
		"version": 3,
		"tiers": [
			{"name": "gold", "lead": "ann@example.org", "level": "high", "weight": 1.5, "rank": 255},
			{"name": "tin", "lead": null, "level": "low", "rank": 0}
		],
		"owner": "sec-team",
		"key": "AAEC/w==",
		"since": "2025-07-08T17:00:00.5+02:00",
		"contact": "bob@example.com",
		"counts": {"a": 1, "b": -2},
		"extra": {"free": [1, "form"]},
		"meta": {"n": 1, "l": [true, null, "x"]},
		"ratio": 0.25,
		"levels": {"low": true, "high": false},
		"Note": "untagged"
	}`
	var got Policy
	if err := strictjson.Unmarshal([]byte(in), &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	wantSince := time.Date(2025, 7, 8, 15, 0, 0, 5e8, time.UTC)
	if !got.Since.Equal(wantSince) {
		t.Errorf("Since = %v, want %v", got.Since, wantSince)
	}
	got.Since = time.Time{}
	want := Policy{
		Version: 3,
		Tiers: []Tier{
			{Name: "gold", Lead: &Email{"ann", "example.org"}, Level: High, Weight: 1.5, Rank: 255},
			{Name: "tin", Level: Low},
		},
		Owner:   ptr("sec-team"),
		Key:     []byte{0, 1, 2, 255},
		Contact: Email{"bob", "example.com"},
		Counts:  map[string]int{"a": 1, "b": -2},
		Extra:   json.RawMessage(`{"free": [1, "form"]}`),
		Meta:    map[string]any{"n": 1.0, "l": []any{true, nil, "x"}},
		Ratio:   0.25,
		Levels:  map[Level]bool{Low: true, High: false},
		Note:    "untagged",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestUnmarshalValues(t *testing.T) {
	tests := []struct {
		name string
		in   string
		into func() any // returns a pointer to a fresh target
		want any        // the value the pointer must point to afterwards
	}{
		{"top-level array", `[{"name":"a","level":"low","rank":1}]`, func() any { return new([]Tier) },
			[]Tier{{Name: "a", Level: Low, Rank: 1}}},
		{"empty array is nil", `[]`, func() any { return new([]int) }, []int(nil)},
		{"empty base64", `""`, func() any { return new([]byte) }, []byte{}},
		{"uint8 max", `255`, func() any { return new(uint8) }, uint8(255)},
		{"minus zero uint", `-0`, func() any { return new(uint) }, uint(0)},
		{"int64 min", `-9223372036854775808`, func() any { return new(int64) }, int64(-9223372036854775808)},
		{"float exponent", `-1.5e3`, func() any { return new(float64) }, -1500.0},
		{"float32", `3.5`, func() any { return new(float32) }, float32(3.5)},
		{"integer into float", `7`, func() any { return new(float64) }, 7.0},
		{"bool", ` true `, func() any { return new(bool) }, true},
		{"string escapes", `"a\u00e9\n"`, func() any { return new(string) }, "a\u00e9\n"},
		{"double pointer", `"x"`, func() any { return new(**string) }, ptr(ptr("x"))},
		{"raw scalar", `12`, func() any { return new(json.RawMessage) }, json.RawMessage(`12`)},
		{"raw in array", `[ 1 , {"a" : [2]} ]`, func() any { return new([]json.RawMessage) },
			[]json.RawMessage{json.RawMessage(`1`), json.RawMessage(`{"a" : [2]}`)}},
		{"map of pointers", `{"a":{"name":"n","level":"high","rank":2},"b":null}`, func() any { return new(map[string]*Tier) },
			map[string]*Tier{"a": {Name: "n", Level: High, Rank: 2}, "b": nil}},
		{"any number", `1e2`, func() any { return new(any) }, any(100.0)},
		{"any empty array", `[]`, func() any { return new(any) }, any([]any{})},
		{"text enum", `"high"`, func() any { return new(Level) }, High},
		{"1000 levels", strings.Repeat("[", 1000) + strings.Repeat("]", 1000), func() any { return new(any) },
			nest(1000)},
		{"absent fields kept", `{"rank":4}`, func() any { return &Tier{Name: "kept"} }, Tier{Name: "kept", Rank: 4}},
		{"unexported and dash fields are ignored when absent", `{}`, func() any { return new(Policy) }, Policy{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.into()
			if err := strictjson.Unmarshal([]byte(tt.in), p); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if got := reflect.ValueOf(p).Elem().Interface(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// nest returns n nested empty []any, as decoded into an interface.
func nest(n int) any {
	v := any([]any{})
	for range n - 1 {
		v = []any{v}
	}
	return v
}

func TestUnmarshalNull(t *testing.T) {
	p := Policy{
		Version: 1,
		Tiers:   []Tier{{Name: "x"}},
		Owner:   ptr("o"),
		Key:     []byte{1},
		Since:   time.Now(),
		Contact: Email{"a", "b"},
		Counts:  map[string]int{"a": 1},
		Extra:   json.RawMessage(`1`),
		Meta:    1.0,
		Note:    "n",
	}
	in := `{"version":null,"tiers":null,"owner":null,"key":null,"since":null,"contact":null,
		"counts":null,"extra":null,"meta":null,"Note":null}`
	if err := strictjson.Unmarshal([]byte(in), &p); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if !reflect.DeepEqual(p, Policy{}) {
		t.Errorf("got %+v, want the zero Policy", p)
	}

	var s = []int{1}
	if err := strictjson.Unmarshal([]byte("null"), &s); err != nil || s != nil {
		t.Errorf("null into slice: got %v, %v; want nil, nil", s, err)
	}
}

func TestUnmarshalErrors(t *testing.T) {
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	deepObj := strings.Repeat(`{"kids":[`, 2500) + strings.Repeat("]}", 2500)
	tests := []struct {
		name string
		in   string
		into any
		path string
		msg  string // the exact message, or a prefix when it ends in "..."
	}{
		{"unknown field", `{"tiers":[{},{},{"name":"x","colour":"red"}]}`, new(Policy),
			"tiers[2].colour", `unknown field "colour"`},
		{"unknown field with hint", `{"tiers":[{},{},{"Lead":"a@b"}]}`, new(Policy),
			"tiers[2].Lead", `unknown field "Lead" (did you mean "lead"?)`},
		{"case-mismatched key at root", `{"Version":1}`, new(Policy),
			"Version", `unknown field "Version" (did you mean "version"?)`},
		{"dash field is unknown", `{"Secret":"s"}`, new(Policy), "Secret", `unknown field "Secret"`},
		{"unexported field is unknown", `{"hidden":1}`, new(Policy), "hidden", `unknown field "hidden"`},
		{"duplicate field", `{"tiers":[{"lead":"a@b","lead":"c@d"}]}`, new(Policy),
			"tiers[0].lead", `duplicate field "lead"`},
		{"duplicate map key", `{"counts":{"a":1,"a":2}}`, new(Policy), "counts.a", `duplicate key "a"`},
		{"duplicate key in any", `[{"k":1,"k":1}]`, new(any), "[0].k", `duplicate key "k"`},
		{"wrong type", `{"tiers":[{"name":5}]}`, new(Policy), "tiers[0].name", "expected a string, got a number"},
		{"object for array", `{"tiers":{}}`, new(Policy), "tiers", "expected an array, got an object"},
		{"array for object", `[[]]`, new([]Tier), "[0]", "expected an object, got an array"},
		{"string for bool", `"true"`, new(bool), "", "expected a boolean, got a string"},
		{"bool for number", `{"version":true}`, new(Policy), "version", "expected a number, got a boolean"},
		{"number for time", `{"since":1}`, new(Policy), "since", "expected a string, got a number"},
		{"time without offset", `{"since":"2025-07-08T17:00:00"}`, new(Policy), "since",
			`"2025-07-08T17:00:00" is not an RFC 3339 time with a zone offset (such as 2025-07-08T17:00:00Z)`},
		{"enum rejects unknown value", `{"tiers":[{"level":"medium"}]}`, new(Policy), "tiers[0].level",
			`unknown level "medium"`},
		{"text struct rejects value", `{"contact":"nobody"}`, new(Policy), "contact",
			`"nobody" is not an email address`},
		{"text map key", `{"levels":{"low":true,"mid":true}}`, new(Policy), "levels.mid", `unknown level "mid"`},
		{"bad base64", `{"key":"AAE"}`, new(Policy), "key", "not valid base64: ..."},
		{"non-integer", `{"tiers":[{"rank":1.5}]}`, new(Policy), "tiers[0].rank", "1.5 is not an integer"},
		{"exponent integer", `{"version":1e3}`, new(Policy), "version", "1e3 is not an integer"},
		{"out of range", `{"tiers":[{"rank":300}]}`, new(Policy), "tiers[0].rank", "300 is out of range for uint8"},
		{"negative unsigned", `-1`, new(uint8), "", "-1 is out of range for uint8"},
		{"int64 overflow", `9223372036854775808`, new(int64), "", "9223372036854775808 is out of range for int64"},
		{"float out of range", `{"ratio":1e39}`, new(Policy), "ratio", "1e39 is out of range for float32"},
		{"any number out of range", `{"meta":[1e999]}`, new(Policy), "meta[0]", "1e999 is out of range for float64"},
		{"trailing data", `{"version":1} x`, new(Policy), "", "unexpected data after the JSON value at byte 14"},
		{"second value", `1 2`, new(int), "", "unexpected data after the JSON value at byte 2"},
		{"empty input", ``, new(Policy), "", "no JSON value"},
		{"whitespace input", " \n\t", new(Policy), "", "no JSON value"},
		{"syntax error", `{"tiers":[{"name":x}]}`, new(Policy), "tiers[0].name",
			"invalid JSON at byte 18: invalid character 'x' looking for beginning of value"},
		{"trailing comma", `[1,]`, new([]int), "[1]",
			"invalid JSON at byte 3: invalid character ']' looking for beginning of value"},
		{"truncated input", `{"tiers":[{"name":"a"`, new(Policy), "tiers[0]",
			"invalid JSON at byte 21: unexpected end of JSON input"},
		{"truncated string", `{"owner":"ab`, new(Policy), "owner",
			"invalid JSON at byte 12: unexpected end of JSON input"},
		{"deep nesting", deep, new(any), strings.Repeat("[0]", 1000), "nesting deeper than 1000 levels"},
		{"deep nesting into raw", deep, new(json.RawMessage), "", "nesting deeper than 1000 levels"},
		{"deep nesting into struct", deepObj, new(Node), strings.Repeat("kids[0].", 499) + "kids[0]",
			"nesting deeper than 1000 levels"},
		{"nil target", `1`, nil, "", "target must be a non-nil pointer, got <nil>"},
		{"nil pointer target", `1`, (*int)(nil), "", "target must be a non-nil pointer, got nil *int"},
		{"non-pointer target", `1`, 0, "", "target must be a non-nil pointer, got int"},
		{"embedded field", `{"X":1}`, new(WithEmbedded), "", "unsupported embedded field Base"},
		{"nested embedded field", `{"w":{}}`, new(HasEmbedded), "w", "unsupported embedded field Base"},
		{"fixed array", `{"arr":[1,2]}`, new(Unsupported), "arr", "unsupported type [2]int"},
		{"chan", `{"ch":null}`, new(Unsupported), "ch", "unsupported type chan int"},
		{"func", `{"fn":1}`, new(Unsupported), "fn", "unsupported type func()"},
		{"complex", `{"c":1}`, new(Unsupported), "c", "unsupported type complex128"},
		{"non-empty interface", `{"st":"x"}`, new(Unsupported), "st", "unsupported type fmt.Stringer"},
		{"int map key", `{"m":{"1":1}}`, new(Unsupported), "m", "unsupported type map[int]int"},
		{"pointer to array", `{"p":[]}`, new(Unsupported), "p", "unsupported type [3]string"},
		{"slice of chan", `{"s":[null]}`, new(Unsupported), "s[0]", "unsupported type chan string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := strictjson.Unmarshal([]byte(tt.in), tt.into)
			checkError(t, err, tt.path, tt.msg)
		})
	}
}

// checkError checks that err reports one problem, at path with message msg.
func checkError(t *testing.T, err error, path, msg string) {
	t.Helper()
	var es *strictjson.Errors
	if !errors.As(err, &es) || error(es) != err || len(es.List) != 1 {
		t.Fatalf("got error %#v, want a *strictjson.Errors of one problem", err)
	}
	e := es.List[0]
	if e.Path != path {
		t.Errorf("Path = %q, want %q", e.Path, path)
	}
	if prefix, ok := strings.CutSuffix(msg, "..."); ok {
		if !strings.HasPrefix(e.Msg, prefix) {
			t.Errorf("Msg = %q, want prefix %q", e.Msg, prefix)
		}
	} else if e.Msg != msg {
		t.Errorf("Msg = %q, want %q", e.Msg, msg)
	}
	want := e.Msg
	if e.Path != "" {
		want = e.Path + ": " + e.Msg
	}
	if err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
}

func TestUnmarshalLeavesTargetOnError(t *testing.T) {
	p := Policy{Version: 7, Counts: map[string]int{"a": 1}}
	err := strictjson.Unmarshal([]byte(`{"version":8,"counts":{"b":2},"bogus":1}`), &p)
	checkError(t, err, "bogus", `unknown field "bogus"`)
	if p.Version != 7 || !reflect.DeepEqual(p.Counts, map[string]int{"a": 1}) {
		t.Errorf("target changed on error: %+v", p)
	}
}

func TestDecode(t *testing.T) {
	var tier Tier
	if err := strictjson.Decode(strings.NewReader(`{"name":"n","rank":3}`), &tier); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if tier != (Tier{Name: "n", Rank: 3}) {
		t.Errorf("got %+v", tier)
	}
	err := strictjson.Decode(iotest.ErrReader(errors.New("boom")), &tier)
	checkError(t, err, "", "reading input: boom")
}

// Self decodes itself with strictjson from UnmarshalJSON, the intended use.
type Self struct {
	A    int    `json:"a"`
	Kids []Self `json:"kids"`
}

var selfCalls int

func (s *Self) UnmarshalJSON(b []byte) error {
	selfCalls++
	return strictjson.Unmarshal(b, s)
}

func TestUnmarshalJSONMethodNotCalled(t *testing.T) {
	selfCalls = 0
	var s Self
	if err := json.Unmarshal([]byte(`{"a":1,"kids":[{"a":2,"kids":[]}]}`), &s); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	want := Self{A: 1, Kids: []Self{{A: 2}}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v, want %+v", s, want)
	}
	if selfCalls != 1 {
		t.Errorf("UnmarshalJSON called %d times, want 1 (only by encoding/json)", selfCalls)
	}

	selfCalls = 0
	err := strictjson.Unmarshal([]byte(`{"a":1,"kids":[{"A":2}]}`), &s)
	checkError(t, err, "kids[0].A", `unknown field "A" (did you mean "a"?)`)
	if selfCalls != 0 {
		t.Errorf("UnmarshalJSON called %d times by strictjson, want 0", selfCalls)
	}
}

// fuzzTarget has fields of many kinds, including unsupported ones.
type fuzzTarget struct {
	S      string             `json:"s"`
	B      bool               `json:"b"`
	I      int                `json:"i"`
	I8     int8               `json:"i8"`
	U8     uint8              `json:"u8"`
	U64    uint64             `json:"u64"`
	F32    float32            `json:"f32"`
	F64    float64            `json:"f64"`
	P      *int               `json:"p"`
	PP     **string           `json:"pp"`
	Bytes  []byte             `json:"bytes"`
	Ints   []int              `json:"ints"`
	M      map[string]*Tier   `json:"m"`
	LM     map[Level][]string `json:"lm"`
	T      time.Time          `json:"t"`
	L      Level              `json:"l"`
	E      Email              `json:"e"`
	Raw    json.RawMessage    `json:"raw"`
	Any    any                `json:"any"`
	Tiers  []Tier             `json:"tiers"`
	Nested *fuzzTarget        `json:"nested"`
	Kids   []Node             `json:"kids"`
	Arr    [2]int             `json:"arr"`
	Ch     chan int           `json:"ch"`
	St     fmt.Stringer       `json:"st"`
}

func FuzzUnmarshal(f *testing.F) {
	for _, seed := range []string{
		`{"s":"x","b":true,"i":-1,"i8":127,"u8":255,"u64":18446744073709551615,"f32":1.5,"f64":-2e300}`,
		`{"p":1,"pp":"s","bytes":"AAE=","ints":[1,2],"m":{"a":{"name":"n","lead":"a@b"}},"lm":{"low":["x"]}}`,
		`{"t":"2025-07-08T17:00:00Z","l":"high","e":"a@b","raw":[1,{"x":null}],"any":{"a":[1,"b",null]}}`,
		`{"tiers":[{"name":"t","level":"low","weight":1,"rank":3}],"nested":{"nested":{"s":"deep"}}}`,
		`{"kids":[{"kids":[{"kids":[]}]}],"arr":null,"ch":null,"st":null}`,
		`[` + strings.Repeat(`{"kids":[`, 10),
		`{"s":"\ud800","u8":-0,"i":1.0,"raw":"\u00e9"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v, partial fuzzTarget
		err := strictjson.Unmarshal(data, &v)
		checkErrors(t, err)
		// UnmarshalPartial reports the same problems.
		if perr := strictjson.UnmarshalPartial(data, &partial); fmt.Sprint(perr) != fmt.Sprint(err) {
			t.Fatalf("Unmarshal says %v, UnmarshalPartial %v", err, perr)
		}

		// Whatever strictjson accepts into an interface, encoding/json must
		// accept too and decode to the same value.
		var got any
		err = strictjson.Unmarshal(data, &got)
		if err != nil {
			checkErrors(t, err)
			return
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("strictjson accepted %q but encoding/json says %v", data, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("strictjson decoded %q as %#v, encoding/json as %#v", data, got, want)
		}
	})
}

// checkErrors checks the form of an error: nil, or an *Errors of at most
// 1001 problems.
func checkErrors(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	es, ok := err.(*strictjson.Errors)
	if !ok || len(es.List) == 0 || len(es.List) > 1001 {
		t.Fatalf("error %#v is not a *strictjson.Errors of 1 to 1001 problems", err)
	}
	for _, e := range es.List {
		if e == nil || e.Msg == "" {
			t.Fatalf("error %#v holds an empty problem", err)
		}
	}
}

// Decoding steps over every problem it can and reports them all, in
// document order; UnmarshalPartial keeps what decoded.
func TestUnmarshalReportsEveryProblem(t *testing.T) {
	in := `{
  "version": "1",
  "colour": {"deep": [1, 2, {"x": 3}]},
  "tiers": [
    {"name": "a", "level": "medium", "rank": 300},
    {"name": "b", "lead": "nobody", "Level": "low", "level": "high"},
    {"name": 5, "name": "c", "rank": 2}
  ],
  "owner": ["x"],
  "key": "AAE",
  "since": "2025-07-08T17:00:00",
  "contact": "a@b",
  "counts": {"a": 1, "a": 2, "b": true, "c": 3},
  "meta": {"k": 1, "k": [2], "n": 1e999, "ok": "yes"},
  "levels": {"low": true, "mid": true, "high": "yes"},
  "ratio": 0.5,
  "Note": "kept",
  "version": 2
}`
	want := []string{
		`version: expected a number, got a string`,
		`colour: unknown field "colour"`,
		`tiers[0].level: unknown level "medium"`,
		`tiers[0].rank: 300 is out of range for uint8`,
		`tiers[1].lead: "nobody" is not an email address`,
		`tiers[1].Level: unknown field "Level" (did you mean "level"?)`,
		`tiers[2].name: expected a string, got a number`,
		`tiers[2].name: duplicate field "name"`,
		`owner: expected a string, got an array`,
		`key: not valid base64: illegal base64 data at input byte 0`,
		`since: "2025-07-08T17:00:00" is not an RFC 3339 time with a zone offset (such as 2025-07-08T17:00:00Z)`,
		`counts.a: duplicate key "a"`,
		`counts.b: expected a number, got a boolean`,
		`meta.k: duplicate key "k"`,
		`meta.n: 1e999 is out of range for float64`,
		`levels.mid: unknown level "mid"`,
		`levels.high: expected a boolean, got a string`,
		`version: duplicate field "version"`,
	}
	for _, partial := range []bool{false, true} {
		p := Policy{Ratio: 9}
		var err error
		if partial {
			err = strictjson.UnmarshalPartial([]byte(in), &p)
		} else {
			err = strictjson.Unmarshal([]byte(in), &p)
		}
		var es *strictjson.Errors
		if !errors.As(err, &es) || es.Stopped {
			t.Fatalf("partial %v: %#v, want *Errors not stopped", partial, err)
		}
		var got []string
		for _, e := range es.List {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("partial %v: got\n%s\nwant\n%s", partial, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if err.Error() != strings.Join(want, "\n") {
			t.Errorf("Error() = %q", err.Error())
		}
		if !partial {
			if p.Ratio != 9 || p.Tiers != nil {
				t.Errorf("Unmarshal changed the target on error: %+v", p)
			}
			continue
		}
		wantTiers := []Tier{{Name: "a"}, {Name: "b", Level: High}, {Rank: 2}} // a repeated key is skipped
		if !reflect.DeepEqual(p.Tiers, wantTiers) {
			t.Errorf("tiers %+v, want %+v", p.Tiers, wantTiers)
		}
		if p.Version != 0 || p.Owner != nil || p.Key != nil || !p.Since.IsZero() || p.Ratio != 0.5 || p.Note != "kept" ||
			p.Contact != (Email{"a", "b"}) || !reflect.DeepEqual(p.Counts, map[string]int{"a": 1, "c": 3}) ||
			!reflect.DeepEqual(p.Meta, map[string]any{"k": float64(1), "ok": "yes"}) ||
			!reflect.DeepEqual(p.Levels, map[Level]bool{Low: true}) {
			t.Errorf("partial value %+v", p)
		}
	}
}

// Invalid JSON stops decoding: the problems before it are reported with
// it, and even UnmarshalPartial leaves the target unchanged.
func TestUnmarshalStopsAtInvalidJSON(t *testing.T) {
	p := Policy{Version: 7}
	err := strictjson.UnmarshalPartial([]byte(`{"version": 8, "colour": 1, "tiers": [{"name": x}], "bogus": 2}`), &p)
	var es *strictjson.Errors
	if !errors.As(err, &es) || !es.Stopped || len(es.List) != 2 {
		t.Fatalf("%#v, want 2 problems, stopped", err)
	}
	if got := err.Error(); got != "colour: unknown field \"colour\"\ntiers[0].name: invalid JSON at byte 47: invalid character 'x' looking for beginning of value" {
		t.Errorf("Error() = %q", got)
	}
	if p.Version != 7 {
		t.Errorf("target changed: %+v", p)
	}
}

// A document of many bad values reports the first 1000 problems and stops.
func TestUnmarshalProblemsAreBounded(t *testing.T) {
	in := "[" + strings.Repeat(`{"bogus": 1},`, 5000) + `{}]`
	var tiers []Tier
	err := strictjson.UnmarshalPartial([]byte(in), &tiers)
	var es *strictjson.Errors
	if !errors.As(err, &es) || !es.Stopped || len(es.List) != 1001 {
		t.Fatalf("%d problems, stopped %v; want 1001, stopped", len(es.List), es.Stopped)
	}
	if last := es.List[1000].Error(); last != "[1000].bogus: more than 1000 problems: decoding stopped" {
		t.Errorf("last problem %q", last)
	}
}

// color is a registered string enumeration.
type color string

var _ = strictjson.RegisterEnum("color", []color{"red", "green"})

// A registered enumeration accepts only its values, as a value, in a list
// and as a map key, and names them in the message; other string types are
// not affected.
func TestRegisterEnum(t *testing.T) {
	var v struct {
		One  color           `json:"one"`
		Many []color         `json:"many"`
		Keys map[color]int   `json:"keys"`
		Free string          `json:"free"`
		Less map[string]bool `json:"less"`
	}
	if err := strictjson.Unmarshal([]byte(`{"one":"red","many":["green","red"],"keys":{"green":1},"free":"blue","less":{"blue":true}}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.One != "red" || len(v.Many) != 2 || v.Keys["green"] != 1 || v.Free != "blue" {
		t.Fatalf("decoded %+v", v)
	}
	err := strictjson.Unmarshal([]byte(`{"one":"Red","many":["green","blue"],"keys":{"rouge":1}}`), &v)
	var es *strictjson.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error %v", err)
	}
	want := []string{
		`one: unknown color "Red" (want one of red, green)`,
		`many[1]: unknown color "blue" (want one of red, green)`,
		`keys.rouge: unknown color "rouge" (want one of red, green)`,
	}
	var got []string
	for _, e := range es.List {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
