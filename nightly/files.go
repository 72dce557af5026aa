package nightly

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FileNames lists the files Files renders, in the order a reader meets
// them: the report first, then the task sheets, the workbook, the plan
// and the map.
var fileNames = [...]string{
	"report.html",
	"purchase.csv", "picking.csv", "delivery.csv", "shortages.csv", "replenishment.csv", "alerts.csv", "cancelled.csv",
	"plan.xlsx", "plan.json", "routes.geojson",
}

// FileNames returns the names Files renders, in a fixed order.
func FileNames() []string { return append([]string(nil), fileNames[:]...) }

// ErrNoInput is returned by Files for a plan not made by Run (decoded from
// JSON, say): the task sheets need the input's addresses and names.
var ErrNoInput = errors.New("nightly: the plan carries no input; render the files of a plan from Run")

// Files renders every output of p as file name → content: the CSV task
// sheets, plan.xlsx (one sheet per list), plan.json, routes.geojson and
// report.html. p must come from Run. A server stores the map and serves
// each file; WriteDir writes it to a directory.
func Files(p *Plan) (map[string][]byte, error) {
	if p.in == nil {
		return nil, ErrNoInput
	}
	out := make(map[string][]byte, len(fileNames))
	sheets := p.sheets()
	for _, s := range sheets {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		row := make([]string, len(s.header))
		if err := w.Write(s.header); err != nil {
			return nil, err
		}
		for _, r := range s.rows {
			for i, c := range r {
				row[i] = cell(c)
			}
			if err := w.Write(row); err != nil {
				return nil, err
			}
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, fmt.Errorf("writing %s.csv: %w", s.name, err)
		}
		out[s.name+".csv"] = b.Bytes()
	}
	var err error
	if out["plan.xlsx"], err = workbook(sheets); err != nil {
		return nil, fmt.Errorf("writing plan.xlsx: %w", err)
	}
	if out["plan.json"], err = json.MarshalIndent(p, "", " "); err != nil {
		return nil, fmt.Errorf("writing plan.json: %w", err)
	}
	if out["routes.geojson"], err = p.geoJSON(); err != nil {
		return nil, fmt.Errorf("writing routes.geojson: %w", err)
	}
	if out["report.html"], err = p.report(); err != nil {
		return nil, fmt.Errorf("writing report.html: %w", err)
	}
	return out, nil
}

// ContentType is the media type to serve a file of Files with.
func ContentType(name string) string {
	switch filepath.Ext(name) {
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".json":
		return "application/json"
	case ".geojson":
		return "application/geo+json"
	case ".html":
		return "text/html; charset=utf-8"
	}
	return "application/octet-stream"
}

// WriteDir writes files into dir, creating it, and returns the paths
// written in FileNames order.
func WriteDir(dir string, files map[string][]byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, name := range fileNames {
		b, ok := files[name]
		if !ok {
			continue
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
