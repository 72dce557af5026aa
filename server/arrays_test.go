package server

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

type arrayProbe struct {
	Name   string               `json:"name"`
	Raw    json.RawMessage      `json:"raw"`
	Matrix [][]float64          `json:"matrix"`
	Point  [2]float64           `json:"point"`
	Ptr    *[2]int              `json:"ptr"`
	Ring   [][2]float64         `json:"ring"`
	ByKey  map[string][3]string `json:"by_key"`
	Inner  *arrayProbe          `json:"inner"`
}

// TestArrayCheck decodes documents with sonic and checks arrayCheck's
// verdict: the right length passes, a wrong one is named by its path, and
// strings holding brackets, quotes and escapes do not fool the scanner.
func TestArrayCheck(t *testing.T) {
	c := newCodec()
	for _, tc := range []struct {
		doc, field, msg string
	}{
		{`{"name": "a]\"[}{", "point": [1, 2], "ring": [[1,2],[3,4]], "by_key": {"k]": ["a", "b]", "c\""]}}`, "", ""},
		{`{"point": [1, 2, 3]}`, "point", "want 2 elements, got 3"},
		{`{"point": [1]}`, "point", "want 2 elements, got 1"},
		{`{"point": []}`, "point", "want 2 elements, got 0"},
		{`{"point": null, "ptr": null, "inner": null}`, "", ""},
		{`{"matrix": [[1, 2, 3], [4]], "raw": [1, 2, 3], "ptr": [1, 2]}`, "", ""},
		{`{"ptr": [1, 2, 3]}`, "ptr", "want 2 elements, got 3"},
		{`{"ring": [[1, 2], [3, 4], [5, 6, 7]]}`, "ring[2]", "want 2 elements, got 3"},
		{`{"by_key": {"x\"y": ["a", "b"]}}`, `by_key.x"y`, "want 3 elements, got 2"},
		{`{"name": "\\", "inner": {"inner": {"point": [1,2,3]}}}`, "inner.inner.point", "want 2 elements, got 3"},
		{` { "point" : [ 1 , 2 ] , "name" : "x" } `, "", ""},
	} {
		var v arrayProbe
		err := c.decode([]byte(tc.doc), &v, "")
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.doc, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.field+": "+tc.msg) {
			t.Errorf("%s: %v, want %s: %s", tc.doc, err, tc.field, tc.msg)
		}
	}
	// types without fixed-size arrays are not scanned at all
	if c.arrays.holdsArray(reflect.TypeFor[struct{ M [][]float64 }]()) {
		t.Error("a matrix holds no fixed-size array")
	}
	if !c.arrays.holdsArray(reflect.TypeFor[VRPRequest]()) {
		t.Error("VRPRequest holds locations")
	}
}
