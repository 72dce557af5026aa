package apikey

import (
	"errors"
	"math"
	"strings"
	"testing"

	"fulfil/solver"
)

func TestParse(t *testing.T) {
	s, err := Parse(strings.NewReader(`# name key rate [burst]
ops      k3y-ops-0123456789abcdef   20      40

nightly	 nightly.secret.0123456789  600/m
`))
	if err != nil {
		t.Fatal(err)
	}
	ops, ok := s.Lookup("k3y-ops-0123456789abcdef")
	if !ok || ops.Name != "ops" || ops.RatePerS != 20 || ops.Burst != 40 {
		t.Errorf("ops: got %+v, %v", ops, ok)
	}
	n, ok := s.Lookup("nightly.secret.0123456789")
	if !ok || n.RatePerS != 10 || n.Burst != 10 {
		t.Errorf("nightly: got %+v, want 10/s with a burst of 10", n)
	}
	if _, ok := s.Lookup("ops"); ok || s.Len() != 2 {
		t.Errorf("a name is not a key; got %d keys, want 2", s.Len())
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file string
		fields     []string
	}{
		{"empty", "# nothing\n", nil},
		{"few fields", "ops k3y-ops-0123456789abcdef\n", []string{"line 1: fields"}},
		{"short key", "ops short 1\n", []string{"line 1: key"}},
		{"bad rate", "ops k3y-ops-0123456789abcdef 0\nb k3y-b-0123456789abcdef 5/d\n", []string{"line 1: rate", "line 2: rate"}},
		{"bad burst", "ops k3y-ops-0123456789abcdef 1 0.5\n", []string{"line 1: burst"}},
		{"duplicates", "ops k3y-ops-0123456789abcdef 1\nops k3y-ops-0123456789abcdef 1\n", []string{"line 2: name", "line 2: key"}},
		{"bad name", "o/ps k3y-ops-0123456789abcdef 1\n", []string{"line 1: name"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.file))
			if err == nil {
				t.Fatal("got no error")
			}
			ie, ok := errors.AsType[*solver.InputError](err)
			if tc.fields == nil {
				if ok {
					t.Errorf("got %v, want the no-key error", err)
				}
				return
			}
			if !ok {
				t.Fatalf("got %v, want an InputError", err)
			}
			var got []string
			for _, v := range ie.Violations {
				got = append(got, v.Field)
			}
			if strings.Join(got, ",") != strings.Join(tc.fields, ",") {
				t.Errorf("got fields %v, want %v (%v)", got, tc.fields, err)
			}
		})
	}
}

func TestBucket(t *testing.T) {
	b := NewBucket(2, 3) // 2/s, 3 at once
	for i := range 3 {
		if ok, _ := b.Take(10); !ok {
			t.Fatalf("take %d of the burst refused", i)
		}
	}
	ok, wait := b.Take(10)
	if ok || math.Abs(wait-0.5) > 1e-9 {
		t.Errorf("past the burst: got %v, wait %g s, want refused, 0.5 s", ok, wait)
	}
	if ok, _ := b.Take(10.5); !ok {
		t.Error("after 0.5 s at 2/s: refused, want one token")
	}
	if ok, _ := b.Take(10.5); ok {
		t.Error("the same instant again: allowed, want refused")
	}
	if ok, _ := b.Take(100); !ok {
		t.Error("long after: refused")
	}
	n := 1
	for ok, _ := b.Take(100); ok; ok, _ = b.Take(100) {
		n++
	}
	if n != 3 {
		t.Errorf("a long idle refills to the burst: got %d tokens, want 3", n)
	}
}
