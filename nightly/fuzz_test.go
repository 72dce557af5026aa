package nightly_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fulfil/nightly"
)

// FuzzReadInput: any bytes either fail to read or give an input that
// passes validation; nothing panics.
func FuzzReadInput(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		in, err := nightly.ReadInput(bytes.NewReader(b), "fuzz.json")
		if err != nil {
			return
		}
		if err := in.Validate(); err != nil {
			t.Fatalf("read an input that fails validation: %v", err)
		}
	})
}

// FuzzReadOrders: any CSV either fails with an error or adds order lines
// that keep the example network valid; nothing panics.
func FuzzReadOrders(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	base, err := os.ReadFile(filepath.Join(exampleDir, "network.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<14 {
			return
		}
		in, err := nightly.ReadInput(bytes.NewReader(base), "network.json")
		if err != nil {
			t.Fatal(err)
		}
		if err := nightly.ReadOrders(bytes.NewReader(b), "fuzz.csv", "csv", in); err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if err := in.Validate(); err != nil {
			t.Fatalf("read orders that fail validation: %v", err)
		}
	})
}
