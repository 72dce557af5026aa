package server

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/bytedance/sonic"

	"fulfil/solver"
)

// codec holds the two frozen sonic configurations the server uses. strict
// decodes every request body: unknown fields are errors, keys match json
// tags case-sensitively and decoded strings are copies, so that nothing
// decoded aliases fasthttp's request buffer. lenient decodes third-party
// payloads embedded in a request (OSRM and Valhalla matrix responses), whose
// extra fields the server does not need.
type codec struct {
	strict  sonic.API
	lenient sonic.API
	arrays  *arrayCheck
}

func newCodec() codec {
	return codec{
		strict: sonic.Config{
			DisallowUnknownFields: true,
			CaseSensitive:         true,
			CopyString:            true,
			ValidateString:        true,
			NoEncoderNewline:      true,
		}.Froze(),
		lenient: sonic.Config{
			CaseSensitive:    true,
			CopyString:       true,
			NoEncoderNewline: true,
		}.Froze(),
		arrays: newArrayCheck(),
	}
}

// pretouch compiles sonic's decoders for the large request types, so that
// the first request does not pay for it.
func (c codec) pretouch(types ...reflect.Type) error {
	for _, t := range types {
		if err := sonic.Pretouch(t); err != nil {
			return fmt.Errorf("compiling the decoder of %v: %w", t, err)
		}
	}
	return nil
}

// decode decodes the JSON document data into v, a non-nil pointer, strictly.
// A rejection is an *solver.InputError naming the offending field by its
// wire path under prefix ("input.stops[3].demand.units"), or "body" when the
// document as a whole is wrong.
func (c codec) decode(data []byte, v any, prefix string) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return solver.Errorf(rootField(prefix), "empty; want a JSON object")
	}
	if err := c.strict.Unmarshal(data, v); err != nil {
		// sonic's errors carry a byte offset but no field path: walk the
		// document again against v's type to name the field.
		field, msg := locate(data, reflect.TypeOf(v).Elem(), prefix)
		if field == "" {
			field, msg = rootField(prefix), "invalid JSON: "+sonicMessage(err)
		}
		return solver.Errorf(field, "%s", msg)
	}
	return c.checkArrays(data, v, prefix)
}

// checkArrays rejects fixed-size arrays of the wrong length, which sonic
// accepts silently (see arrayCheck).
func (c codec) checkArrays(data []byte, v any, prefix string) error {
	if err := c.arrays.check(data, reflect.TypeOf(v).Elem(), prefix); err != nil {
		pe := err.(*pathError)
		return solver.Errorf(rootField(pe.path), "%s", pe.msg)
	}
	return nil
}

// decodeLenient decodes data into v ignoring unknown fields; errors name
// prefix and the field as decode does.
func (c codec) decodeLenient(data []byte, v any, prefix string) error {
	if err := c.lenient.Unmarshal(data, v); err != nil {
		field, msg := locateLenient(data, reflect.TypeOf(v).Elem(), prefix)
		if field == "" {
			field, msg = rootField(prefix), "invalid JSON: "+sonicMessage(err)
		}
		return solver.Errorf(field, "%s", msg)
	}
	return c.checkArrays(data, v, prefix)
}

// encode returns the JSON encoding of v.
func (c codec) encode(v any) ([]byte, error) {
	b, err := c.strict.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding the response: %w", err)
	}
	return b, nil
}

func rootField(prefix string) string {
	if prefix == "" {
		return "body"
	}
	return prefix
}

// sonicMessage shortens a sonic error to its first line.
func sonicMessage(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// locate walks data with encoding/json's tokenizer alongside type t and
// returns the path of the first value that does not fit, with a message. It
// runs only after a rejection, so it favours exact paths over speed. It
// returns "" when it finds nothing wrong.
func locate(data []byte, t reflect.Type, prefix string) (field, msg string) {
	return walkDocument(data, t, prefix, true)
}

func locateLenient(data []byte, t reflect.Type, prefix string) (field, msg string) {
	return walkDocument(data, t, prefix, false)
}

func walkDocument(data []byte, t reflect.Type, prefix string, strict bool) (string, string) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	w := &walker{d: d, strict: strict}
	if err := w.value(t, prefix); err != nil {
		var pe *pathError
		if errors.As(err, &pe) {
			return rootField(pe.path), pe.msg
		}
		return "", ""
	}
	if _, err := d.Token(); err != io.EOF {
		return rootField(prefix), fmt.Sprintf("unexpected data after the JSON value at byte %d", d.InputOffset())
	}
	return "", ""
}

type pathError struct {
	path, msg string
}

func (e *pathError) Error() string { return e.path + ": " + e.msg }

type walker struct {
	d      *json.Decoder
	strict bool
}

var (
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
	noCopyRawType       = reflect.TypeFor[sonic.NoCopyRawMessage]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (w *walker) token(path string) (json.Token, error) {
	tok, err := w.d.Token()
	if err != nil {
		if err == io.EOF {
			return nil, &pathError{path, "unexpected end of JSON"}
		}
		msg := err.Error()
		if se, ok := errors.AsType[*json.SyntaxError](err); ok {
			msg = fmt.Sprintf("invalid JSON at byte %d: %s", se.Offset, se.Error())
		} else {
			msg = "invalid JSON: " + strings.TrimPrefix(msg, "json: ")
		}
		return nil, &pathError{path, msg}
	}
	return tok, nil
}

// skip consumes one whole value, reporting syntax errors under path.
func (w *walker) skip(path string) error {
	tok, err := w.token(path)
	if err != nil {
		return err
	}
	if delim, ok := tok.(json.Delim); ok && (delim == '{' || delim == '[') {
		depth := 1
		for depth > 0 {
			tok, err = w.token(path)
			if err != nil {
				return err
			}
			if d, ok := tok.(json.Delim); ok {
				switch d {
				case '{', '[':
					depth++
				default:
					depth--
				}
			}
		}
	}
	return nil
}

func kindName(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// value consumes one value that must fit t.
func (w *walker) value(t reflect.Type, path string) error {
	if t == rawMessageType || t == noCopyRawType || t.Kind() == reflect.Interface {
		return w.skip(path)
	}
	tok, err := w.token(path)
	if err != nil {
		return err
	}
	if tok == nil { // null leaves any Go value as it is
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s, ok := tok.(string); ok && reflect.PointerTo(t).Implements(textUnmarshalerType) && t.Kind() != reflect.String {
		v := reflect.New(t).Interface().(encoding.TextUnmarshaler)
		if err := v.UnmarshalText([]byte(s)); err != nil {
			return &pathError{path, fmt.Sprintf("invalid value %q: %v", s, err)}
		}
		return nil
	}
	want := func(what string) error {
		return &pathError{path, fmt.Sprintf("want %s, got %s", what, kindName(tok))}
	}
	switch t.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			return want("an object")
		}
		return w.object(t, path)
	case reflect.Map:
		if tok != json.Delim('{') {
			return want("an object")
		}
		for w.d.More() {
			kt, err := w.token(path)
			if err != nil {
				return err
			}
			key, _ := kt.(string)
			if err := w.value(t.Elem(), path+"."+key); err != nil {
				return err
			}
		}
		_, err := w.token(path)
		return err
	case reflect.Slice, reflect.Array:
		if tok != json.Delim('[') {
			if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
				if _, ok := tok.(string); ok {
					return nil // []byte as base64
				}
			}
			return want("an array")
		}
		for i := 0; w.d.More(); i++ {
			p := fmt.Sprintf("%s[%d]", path, i)
			if t.Kind() == reflect.Array && i >= t.Len() {
				// sonic, like encoding/json, drops the extra elements of a
				// fixed-size array; agree with it so as to find its error
				// (arrayCheck rejects them once the decode succeeded)
				if err := w.skip(p); err != nil {
					return err
				}
				continue
			}
			if err := w.value(t.Elem(), p); err != nil {
				return err
			}
		}
		_, err := w.token(path)
		return err
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return want("a string")
		}
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return want("true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			return want("an integer")
		}
		x, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || reflect.Zero(t).OverflowInt(x) {
			return &pathError{path, fmt.Sprintf("want an integer that fits %s, got %s", t.Kind(), n)}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := tok.(json.Number)
		if !ok {
			return want("a non-negative integer")
		}
		x, err := strconv.ParseUint(string(n), 10, 64)
		if err != nil || reflect.Zero(t).OverflowUint(x) {
			return &pathError{path, fmt.Sprintf("want a non-negative integer that fits %s, got %s", t.Kind(), n)}
		}
	case reflect.Float32, reflect.Float64:
		n, ok := tok.(json.Number)
		if !ok {
			return want("a number")
		}
		x, err := strconv.ParseFloat(string(n), 64)
		if err != nil || math.IsInf(x, 0) || (t.Kind() == reflect.Float32 && math.Abs(x) > math.MaxFloat32) {
			return &pathError{path, fmt.Sprintf("number %s is out of range", n)}
		}
	default:
		return &pathError{path, fmt.Sprintf("cannot decode into %s", t)}
	}
	return nil
}

// object consumes the members of an object after its '{'.
func (w *walker) object(t reflect.Type, path string) error {
	fields := jsonFields(t)
	for w.d.More() {
		kt, err := w.token(path)
		if err != nil {
			return err
		}
		key, _ := kt.(string)
		p := key
		if path != "" {
			p = path + "." + key
		}
		ft, ok := fields[key]
		if !ok {
			if w.strict {
				return &pathError{p, "unknown field"}
			}
			if err := w.skip(p); err != nil {
				return err
			}
			continue
		}
		if err := w.value(ft, p); err != nil {
			return err
		}
	}
	_, err := w.token(path)
	return err
}

// wireField is one JSON property of a struct as the decoder sees it.
type wireField struct {
	name      string
	typ       reflect.Type
	omitempty bool
}

// wireFields lists the JSON properties of struct t in field order, embedded
// structs flattened (an outer field of the same name wins), as
// encoding/json and sonic read them.
func wireFields(t reflect.Type) []wireField {
	var out []wireField
	seen := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for _, sub := range wireFields(ft) {
					if !seen[sub.name] {
						seen[sub.name] = true
						out = append(out, sub)
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		seen[name] = true
		out = append(out, wireField{name: name, typ: f.Type, omitempty: strings.Contains(opts, "omitempty")})
	}
	return out
}

// jsonFields maps the json names of t's fields, embedded structs flattened,
// to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	fs := wireFields(t)
	out := make(map[string]reflect.Type, len(fs))
	for _, f := range fs {
		out[f.name] = f.typ
	}
	return out
}
