package datasets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// VRPRequest is the service's routing JSON as files hold it: the body of
// POST /v1/vrp ({"input": …, "options": …}), so that a request can be
// solved from the command line as the server would.
type VRPRequest struct {
	Input   vrp.Input   `json:"input"`
	Options vrp.Options `json:"options"`
}

// ReadVRPJSONFile reads a routing JSON file; errors name the file's base
// name.
func ReadVRPJSONFile(path string) (*VRPRequest, error) {
	return openFile(path, ReadVRPJSON)
}

// ReadVRPJSON reads either a /v1/vrp body ({"input", "options"}; options
// laid over vrp.DefaultOptions) or a bare vrp.Input (default options),
// strictly: unknown fields and trailing data are errors, reported as a
// *solver.InputError whose field is "name:line:column". name is used in
// errors.
func ReadVRPJSON(r io.Reader, name string) (*VRPRequest, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return nil, jsonError(raw, name, err)
	}
	req := &VRPRequest{Options: vrp.DefaultOptions()}
	dst := any(req)
	if _, wrapped := keys["input"]; !wrapped {
		dst = &req.Input
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return nil, jsonError(raw, name, err)
	}
	if dec.More() {
		return nil, solver.Errorf(name, "data after the JSON document")
	}
	return req, nil
}

// jsonError names where in raw a JSON error is, as name:line:column.
func jsonError(raw []byte, name string, err error) error {
	off := int64(-1)
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 {
		return solver.Errorf(name, "%v", err)
	}
	line, col := 1, 1
	for _, c := range raw[:min(int(off), len(raw))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return solver.Errorf(fmt.Sprintf("%s:%d:%d", name, line, col), "%v", err)
}
