package vroom

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Decode reads a VROOM input from JSON. Unknown keys, wrong types and
// trailing data are code 2 errors; a key VROOM documents but the solver
// cannot use yet decodes here and fails in validation, by name.
func Decode(body []byte) (*Input, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	in := new(Input)
	if err := dec.Decode(in); err != nil {
		return nil, &Error{Code: CodeInput, Message: "invalid JSON: " + err.Error(), Err: err}
	}
	if dec.More() {
		return nil, &Error{Code: CodeInput, Message: fmt.Sprintf("invalid JSON: data after the input at offset %d", dec.InputOffset())}
	}
	return in, nil
}
