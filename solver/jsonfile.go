package solver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeJSON decodes the whole document b into v strictly: unknown fields
// and data after the document are errors. Every error is an *InputError
// whose field places it in the file as "name:line:column" (both from 1), so
// that a person can open the file at the spot: syntax and type errors at
// their byte, unknown fields where the decoder stopped.
func DecodeJSON(b []byte, name string, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return jsonError(name, b, d, err)
	}
	if d.More() {
		return Errorf(name+":"+lineCol(b, d.InputOffset()), "data after the input document")
	}
	return nil
}

// jsonError places a decoding error at its line and column.
func jsonError(name string, b []byte, d *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return Errorf(name+":"+lineCol(b, syn.Offset-1), "%v", syn)
	case errors.As(err, &typ):
		return Errorf(name+":"+lineCol(b, typ.Offset), "%s: must be %s, got %s", typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF):
		return Errorf(name, "empty, want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return Errorf(name, "ends in the middle of the document")
	}
	// Unknown fields read `json: unknown field "x"`.
	return Errorf(name+":"+lineCol(b, d.InputOffset()), "%s", strings.TrimPrefix(err.Error(), "json: "))
}

// lineCol turns a byte offset into "line:column", both from 1.
func lineCol(b []byte, off int64) string {
	off = min(max(off, 0), int64(len(b)))
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(b[:off], '\n'))
	return fmt.Sprintf("%d:%d", line, col)
}
