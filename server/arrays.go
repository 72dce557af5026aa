package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// arrayCheck finds JSON arrays decoded into fixed-size Go arrays with the
// wrong number of elements. sonic, like encoding/json, drops the extra
// elements of a fixed-size array and zero-fills the missing ones, so that
// a location [lng, lat, z] would lose z and a location [lng] would be put
// on the equator: a silent fix the API must not make. It runs after a
// successful decode, so the document is known to be valid JSON that fits
// the type; it follows only the members whose type holds a fixed-size
// array somewhere and skips every other value byte by byte, so that a
// 1000 × 1000 matrix costs a bracket scan (0.6 ms per MB against 6 ms
// per MB for the decode itself; BenchmarkArrayCheck), not a
// parse.
type arrayCheck struct {
	mu  sync.Mutex
	has map[reflect.Type]bool // type → holds a fixed-size array
}

func newArrayCheck() *arrayCheck { return &arrayCheck{has: make(map[reflect.Type]bool)} }

// check walks data as a value of type t and returns a *pathError naming the
// first fixed-size array of the wrong length, or nil.
func (a *arrayCheck) check(data []byte, t reflect.Type, prefix string) error {
	if !a.holdsArray(t) {
		return nil
	}
	s := &scan{b: data, a: a, fields: make(map[reflect.Type]map[string]reflect.Type)}
	if bad := s.value(t); bad != nil {
		return &pathError{s.pathString(prefix), bad.msg}
	}
	return nil
}

// holdsArray reports whether a value of type t can contain a Go array.
func (a *arrayCheck) holdsArray(t reflect.Type) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.holdsLocked(t, map[reflect.Type]bool{})
}

func (a *arrayCheck) holdsLocked(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if h, ok := a.has[t]; ok {
		return h
	}
	if visiting[t] { // a recursive type: decided by its other members
		return false
	}
	visiting[t] = true
	var h bool
	switch t.Kind() {
	case reflect.Array:
		h = true
	case reflect.Pointer, reflect.Slice, reflect.Map:
		h = t != rawMessageType && t != noCopyRawType && a.holdsLocked(t.Elem(), visiting)
	case reflect.Struct:
		for _, ft := range jsonFields(t) {
			if a.holdsLocked(ft, visiting) {
				h = true
				break
			}
		}
	}
	delete(visiting, t)
	a.has[t] = h
	return h
}

// scan is a cursor over a valid JSON document.
type scan struct {
	b      []byte
	i      int
	a      *arrayCheck
	fields map[reflect.Type]map[string]reflect.Type
	path   []step // from the root to the value being scanned
}

// step is one member name or element index of a path.
type step struct {
	key []byte // aliases the document unless it held escapes
	idx int    // when key is nil
}

// pathString renders the current path under prefix, for an error.
func (s *scan) pathString(prefix string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for _, st := range s.path {
		if st.key == nil {
			fmt.Fprintf(&b, "[%d]", st.idx)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.Write(st.key)
	}
	return b.String()
}

// structural marks the bytes skip must look at inside an object or array.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

func (s *scan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, 0 at the end.
func (s *scan) peek() byte {
	s.ws()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// skipString moves past the string that starts at s.i and returns its raw
// contents, escapes included.
func (s *scan) skipString() []byte {
	start := s.i + 1
	for s.i = start; s.i < len(s.b); s.i++ {
		switch s.b[s.i] {
		case '\\':
			s.i++
		case '"':
			s.i++
			return s.b[start : s.i-1]
		}
	}
	return s.b[start:]
}

// skip moves past one value.
func (s *scan) skip() {
	switch s.peek() {
	case '"':
		s.skipString()
	case '{', '[':
		depth := 0
		for s.i < len(s.b) {
			if !structural[s.b[s.i]] {
				s.i++
				continue
			}
			switch s.b[s.i] {
			case '"':
				s.skipString()
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			s.i++
			if depth == 0 {
				return
			}
		}
	default: // number, true, false, null
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return
			}
			s.i++
		}
	}
}

// key reads an object key and the colon after it.
func (s *scan) key() []byte {
	s.peek()
	k := s.skipString()
	if bytes.IndexByte(k, '\\') >= 0 { // rare: let the standard library unescape it
		var u string
		if json.Unmarshal(s.b[s.i-len(k)-2:s.i], &u) == nil {
			k = []byte(u)
		}
	}
	s.peek() // ':'
	s.i++
	return k
}

// more consumes a ',' and reports true, or consumes the closing bracket
// and reports false.
func (s *scan) more() bool {
	c := s.peek()
	s.i++
	return c == ','
}

// wrongLength is what value reports; s.path then leads to the array.
type wrongLength struct{ msg string }

func (s *scan) value(t reflect.Type) *wrongLength {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	c := s.peek()
	if c == 'n' || !s.a.holdsArray(t) || t.Kind() == reflect.Interface {
		s.skip()
		return nil
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		if c != '{' {
			s.skip()
			return nil
		}
		var fields map[string]reflect.Type
		if t.Kind() == reflect.Struct {
			var ok bool
			if fields, ok = s.fields[t]; !ok {
				fields = jsonFields(t)
				s.fields[t] = fields
			}
		}
		s.i++
		if s.peek() == '}' {
			s.i++
			return nil
		}
		for {
			k := s.key()
			ft, ok := t, true
			if fields != nil {
				ft, ok = fields[string(k)]
			} else {
				ft = t.Elem()
			}
			if !ok { // decoded leniently: an ignored member
				s.skip()
			} else {
				s.path = append(s.path, step{key: k})
				if bad := s.value(ft); bad != nil {
					return bad
				}
				s.path = s.path[:len(s.path)-1]
			}
			if !s.more() {
				return nil
			}
		}
	case reflect.Slice, reflect.Array:
		if c != '[' {
			s.skip()
			return nil
		}
		s.i++
		n := 0
		if s.peek() != ']' {
			for {
				s.path = append(s.path, step{idx: n})
				if bad := s.value(t.Elem()); bad != nil {
					return bad
				}
				s.path = s.path[:len(s.path)-1]
				n++
				if !s.more() {
					break
				}
			}
		} else {
			s.i++
		}
		if t.Kind() == reflect.Array && n != t.Len() {
			return &wrongLength{fmt.Sprintf("want %d elements, got %d", t.Len(), n)}
		}
		return nil
	}
	s.skip()
	return nil
}
