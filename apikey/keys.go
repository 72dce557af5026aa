package apikey

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"fulfil/solver"
)

// Key is one API key: its name and its bucket.
type Key struct {
	Name     string
	RatePerS float64
	Burst    float64
	bucket   Bucket
}

// Take takes a token from the key's bucket; see Bucket.Take.
func (k *Key) Take(nowS float64) (bool, float64) { return k.bucket.Take(nowS) }

// Set is the keys of one file, by the digest of their secret.
type Set struct {
	keys map[[32]byte]*Key
}

// Load reads a key file.
func Load(path string) (*Set, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading API keys: %w", err)
	}
	defer f.Close()
	s, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("reading API keys from %s: %w", path, err)
	}
	return s, nil
}

// Parse reads keys in the file format (see the package doc). A file with no
// key is an error: it would lock every client out.
func Parse(r io.Reader) (*Set, error) {
	s := &Set{keys: make(map[[32]byte]*Key)}
	names := map[string]int{}
	var v solver.Violations
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		at := func(field string) string { return fmt.Sprintf("line %d: %s", n, field) }
		f := strings.Fields(line)
		if len(f) < 3 || len(f) > 4 {
			v.Add(at("fields"), "want NAME KEY RATE [BURST], got %d fields", len(f))
			continue
		}
		name, secret := f[0], f[1]
		if !plain(name, "_.-") {
			v.Add(at("name"), "want letters, digits, '_', '.' or '-', got %q", name)
		} else if first, dup := names[name]; dup {
			v.Add(at("name"), "%q is already the name on line %d", name, first)
		}
		names[name] = n
		digest := sha256.Sum256([]byte(secret))
		switch {
		case len(secret) < 16:
			v.Add(at("key"), "must have at least 16 characters, got %d", len(secret))
		case !plain(secret, "_.~+/=-"):
			v.Add(at("key"), "want letters, digits and _.~+/=- only")
		case s.keys[digest] != nil:
			v.Add(at("key"), "the same key as %q's", s.keys[digest].Name)
		}
		rate, err := parseRate(f[2])
		if err != nil {
			v.Add(at("rate"), "%v", err)
			continue
		}
		burst := max(1, rate)
		if len(f) == 4 {
			b, err := strconv.ParseFloat(f[3], 64)
			if err != nil || !(b >= 1) || b > 1e9 {
				v.Add(at("burst"), "want a number >= 1, got %q", f[3])
				continue
			}
			burst = b
		}
		k := &Key{Name: name, RatePerS: rate, Burst: burst}
		k.bucket = NewBucket(rate, burst)
		s.keys[digest] = k
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(s.keys) == 0 {
		return nil, fmt.Errorf("no key: a key file without keys would refuse every request")
	}
	return s, nil
}

// parseRate reads "20", "20/s", "600/m" or "10000/h" as requests per
// second.
func parseRate(f string) (float64, error) {
	num, unit, _ := strings.Cut(f, "/")
	per := map[string]float64{"": 1, "s": 1, "m": 60, "h": 3600}[unit]
	r, err := strconv.ParseFloat(num, 64)
	if per == 0 || err != nil || !(r > 0) || r > 1e9 {
		return 0, fmt.Errorf("want a number > 0 of requests per second, or with /s, /m or /h, got %q", f)
	}
	return r / per, nil
}

func plain(s, extra string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune(extra, c)) {
			return false
		}
	}
	return s != ""
}

// Lookup returns the key whose secret is token.
func (s *Set) Lookup(token string) (*Key, bool) {
	k, ok := s.keys[sha256.Sum256([]byte(token))]
	return k, ok
}

// Len returns the number of keys.
func (s *Set) Len() int { return len(s.keys) }
