package csaf

import (
	"strconv"
	"testing"
)

// TestClassifierSays checks that the rule in words of a key is written
// once and shared, for at most 1024 keys: a document of many distinct
// categories must not grow the table without bound.
func TestClassifierSays(t *testing.T) {
	opts := DefaultOptions()
	c := newClassifier(&opts)
	if got := c.say("k", func() string { return "first" }); got != "first" {
		t.Fatalf("say = %q", got)
	}
	if got := c.say("k", func() string { return "second" }); got != "first" {
		t.Errorf("say of a key said before = %q, want the first words", got)
	}
	for i := len(c.said); i < 1024; i++ {
		c.say(strconv.Itoa(i), func() string { return "" })
	}
	if len(c.said) != 1024 {
		t.Fatalf("%d keys said", len(c.said))
	}
	c.say("more", func() string { return "first" })
	if got := c.say("more", func() string { return "second" }); got != "second" || len(c.said) != 1024 {
		t.Errorf("after 1024 keys: say = %q, %d keys kept; want the words written anew and 1024", got, len(c.said))
	}
}
