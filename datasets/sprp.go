package datasets

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// SPRP is a single picker routing instance with (possibly) scattered
// storage in the format of Heßler & Irnich (2024): a parallel-aisle
// warehouse, the positions that hold each article, and one order.
//
// Aisles are numbered 0..Aisles-1 from the left and cells 0..Cells-1 from the
// top cross-aisle down. The depot sits DepotAisle's width away from the top
// or bottom cross-aisle (TopOrBottomToDepot). An aisle is TopToCell +
// (Cells-1)·CellToCell + BottomToCell long.
type SPRP struct {
	Name, Layout string // Layout: "single-block" or "two-block"
	Type         string // TYPE, "Single_picker_routing"
	Comment      string

	Aisles, Cells, DepotAisle int
	DepotAtTop                bool

	AisleToAisle, CellToCell, TopToCell, BottomToCell, TopOrBottomToDepot float64

	Articles  []int          // article ids, in file order
	Positions []SPRPPosition // storage positions (SKU_SECTION)
	Order     []SPRPLine     // the order to pick (ORDER_SECTION)
}

// SPRPPosition is a storage position holding Quantity units of Article at
// (Aisle, Cell) on Side "left" or "right" of the aisle.
type SPRPPosition struct {
	Article, Aisle, Cell, Quantity int
	Side                           string
}

// SPRPLine is one order line: Quantity units of Article.
type SPRPLine struct {
	Article, Quantity int
}

// AisleLength returns the distance between the two cross-aisles along an
// aisle.
func (p *SPRP) AisleLength() float64 {
	return p.TopToCell + float64(p.Cells-1)*p.CellToCell + p.BottomToCell
}

// ReadSPRPFile reads a picker-routing instance file; errors name the file's
// base name.
func ReadSPRPFile(path string) (*SPRP, error) {
	return openFile(path, ReadSPRP)
}

// ReadSPRP reads a picker-routing instance from r; name is used in errors.
// It checks the ranges of aisles, cells and quantities, that ids are
// distinct and known, and that the stock of every ordered article covers the
// order.
func ReadSPRP(r io.Reader, name string) (*SPRP, error) {
	l := newLines(r, name)
	p := &SPRP{}
	seen := map[string]int{}
	for {
		if !l.nextNonBlank() {
			return nil, l.eof("expected ARTICLE_SECTION")
		}
		if l.text == "ARTICLE_SECTION" {
			break
		}
		key, val, ok := strings.Cut(l.text, ":")
		if !ok {
			return nil, l.errorf("expected \"KEY : value\", got %q", clip(l.text))
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if prev, ok := seen[key]; ok {
			return nil, l.errorf("%s: repeated (first at line %d)", key, prev)
		}
		seen[key] = l.n
		if err := p.readSpec(l, key, val); err != nil {
			return nil, err
		}
	}
	for _, key := range []string{"NUM_AISLES", "NUM_CELLS", "DEPOT_AISLE", "DEPOT_LOCATION",
		"DISTANCE_AISLE_TO_AISLE", "DISTANCE_CELL_TO_CELL", "DISTANCE_TOP_TO_CELL",
		"DISTANCE_BOTTOM_TO_CELL", "DISTANCE_TOP_OR_BOTTOM_TO_DEPOT"} {
		if _, ok := seen[key]; !ok {
			return nil, l.errorf("ARTICLE_SECTION: missing %s before it", key)
		}
	}
	if p.DepotAisle >= p.Aisles {
		return nil, &ParseError{Name: name, Line: seen["DEPOT_AISLE"], Msg: fmt.Sprintf("DEPOT_AISLE: must be in 0..%d, got %d", p.Aisles-1, p.DepotAisle)}
	}
	if err := p.readArticles(l); err != nil {
		return nil, err
	}
	if err := p.readPositions(l); err != nil {
		return nil, err
	}
	if err := p.readOrder(l); err != nil {
		return nil, err
	}
	if !l.nextNonBlank() {
		return nil, l.eof("expected EOF")
	}
	if l.text != "EOF" {
		return nil, l.errorf("expected EOF, got %q", clip(l.text))
	}
	for l.nextNonBlank() {
		return nil, l.errorf("unexpected data after EOF: %q", clip(l.text))
	}
	if l.err != nil {
		return nil, l.err
	}
	return p, nil
}

// readSpec stores one header line.
func (p *SPRP) readSpec(l *lines, key, val string) error {
	count := func(lo int) (int, error) {
		x, err := strconv.Atoi(val)
		if err != nil {
			return 0, l.errorf("%s: expected an integer, got %q", key, clip(val))
		}
		if x < lo || x > maxNodes {
			return 0, l.errorf("%s: must be in %d..%d, got %d", key, lo, maxNodes, x)
		}
		return x, nil
	}
	dist := func() (float64, error) {
		x, err := parseFloat(val)
		if err != nil {
			return 0, l.errorf("%s: %v", key, err)
		}
		if x < 0 {
			return 0, l.errorf("%s: must be >= 0, got %g", key, x)
		}
		return x, nil
	}
	var err error
	switch key {
	case "NAME":
		p.Name = val
	case "TYPE":
		if val != "Single_picker_routing" {
			return l.errorf("TYPE: unsupported %q, want Single_picker_routing", clip(val))
		}
		p.Type = val
	case "COMMENT":
		p.Comment = val
	case "LAYOUT":
		if val != "single-block" && val != "two-block" {
			return l.errorf("LAYOUT: unsupported %q, want single-block or two-block", clip(val))
		}
		p.Layout = val
	case "NUM_AISLES":
		p.Aisles, err = count(1)
	case "NUM_CELLS":
		p.Cells, err = count(1)
	case "DEPOT_AISLE":
		p.DepotAisle, err = count(0)
	case "DEPOT_LOCATION":
		switch val {
		case "top":
			p.DepotAtTop = true
		case "bottom":
			p.DepotAtTop = false
		default:
			return l.errorf("DEPOT_LOCATION: expected top or bottom, got %q", clip(val))
		}
	case "DISTANCE_AISLE_TO_AISLE":
		p.AisleToAisle, err = dist()
	case "DISTANCE_CELL_TO_CELL":
		p.CellToCell, err = dist()
	case "DISTANCE_TOP_TO_CELL":
		p.TopToCell, err = dist()
	case "DISTANCE_BOTTOM_TO_CELL":
		p.BottomToCell, err = dist()
	case "DISTANCE_TOP_OR_BOTTOM_TO_DEPOT":
		p.TopOrBottomToDepot, err = dist()
	default:
		return l.errorf("unknown keyword %q", clip(key))
	}
	return err
}

// sprpCount reads "KEY : k" at the start of a section.
func sprpCount(l *lines, section, key string) (int, error) {
	if !l.nextNonBlank() {
		return 0, l.eof("%s: expected %s", section, key)
	}
	k, val, ok := strings.Cut(l.text, ":")
	if !ok || strings.TrimSpace(k) != key {
		return 0, l.errorf("%s: expected \"%s : count\", got %q", section, key, clip(l.text))
	}
	x, err := strconv.Atoi(strings.TrimSpace(val))
	if err != nil || x < 0 || x > maxNodes {
		return 0, l.errorf("%s: %s: expected an integer in 0..%d, got %q", section, key, maxNodes, clip(strings.TrimSpace(val)))
	}
	return x, nil
}

// sprpFields parses a line of "KEY value" pairs with the keys given, in
// that order, into ints (the last key's value is returned raw as well, for
// the side).
func sprpFields(l *lines, section string, k int, keys ...string) ([]int, string, error) {
	f := strings.Fields(l.text)
	if len(f) != 2*len(keys) {
		return nil, "", l.errorf("%s: entry %d: expected %d fields, got %d", section, k, 2*len(keys), len(f))
	}
	out := make([]int, len(keys))
	for i, key := range keys {
		if f[2*i] != key {
			return nil, "", l.errorf("%s: entry %d: expected %s, got %q", section, k, key, clip(f[2*i]))
		}
		if key == "LEFT_RIGHT_HAND_SIDE" {
			continue
		}
		x, err := strconv.Atoi(f[2*i+1])
		if err != nil {
			return nil, "", l.errorf("%s: entry %d: %s: expected an integer, got %q", section, k, key, clip(f[2*i+1]))
		}
		out[i] = x
	}
	return out, f[len(f)-1], nil
}

func (p *SPRP) readArticles(l *lines) error {
	const sec = "ARTICLE_SECTION"
	n, err := sprpCount(l, sec, "NUM_ARTICLES")
	if err != nil {
		return err
	}
	known := make(map[int]bool, n)
	for k := range n {
		if !l.nextNonBlank() {
			return l.eof("%s: expected %d articles, got %d", sec, n, k)
		}
		v, _, err := sprpFields(l, sec, k, "ID")
		if err != nil {
			return err
		}
		if known[v[0]] {
			return l.errorf("%s: article %d: repeated", sec, v[0])
		}
		known[v[0]] = true
		p.Articles = append(p.Articles, v[0])
	}
	if !l.nextNonBlank() {
		return l.eof("expected SKU_SECTION")
	}
	if l.text != "SKU_SECTION" {
		return l.errorf("expected SKU_SECTION, got %q", clip(l.text))
	}
	return nil
}

func (p *SPRP) readPositions(l *lines) error {
	const sec = "SKU_SECTION"
	n, err := sprpCount(l, sec, "NUM_SKUS")
	if err != nil {
		return err
	}
	known := make(map[int]bool, len(p.Articles))
	for _, a := range p.Articles {
		known[a] = true
	}
	for k := range n {
		if !l.nextNonBlank() {
			return l.eof("%s: expected %d positions, got %d", sec, n, k)
		}
		v, side, err := sprpFields(l, sec, k, "ID", "AISLE", "CELL", "QUANTITY", "LEFT_RIGHT_HAND_SIDE")
		if err != nil {
			return err
		}
		pos := SPRPPosition{Article: v[0], Aisle: v[1], Cell: v[2], Quantity: v[3], Side: side}
		switch {
		case !known[pos.Article]:
			return l.errorf("%s: entry %d: article %d: not in ARTICLE_SECTION", sec, k, pos.Article)
		case pos.Aisle < 0 || pos.Aisle >= p.Aisles:
			return l.errorf("%s: entry %d: AISLE: must be in 0..%d, got %d", sec, k, p.Aisles-1, pos.Aisle)
		case pos.Cell < 0 || pos.Cell >= p.Cells:
			return l.errorf("%s: entry %d: CELL: must be in 0..%d, got %d", sec, k, p.Cells-1, pos.Cell)
		case pos.Quantity < 1:
			return l.errorf("%s: entry %d: QUANTITY: must be >= 1, got %d", sec, k, pos.Quantity)
		case side != "left" && side != "right":
			return l.errorf("%s: entry %d: LEFT_RIGHT_HAND_SIDE: expected left or right, got %q", sec, k, clip(side))
		}
		p.Positions = append(p.Positions, pos)
	}
	if !l.nextNonBlank() {
		return l.eof("expected ORDER_SECTION")
	}
	if l.text != "ORDER_SECTION" {
		return l.errorf("expected ORDER_SECTION, got %q", clip(l.text))
	}
	return nil
}

func (p *SPRP) readOrder(l *lines) error {
	const sec = "ORDER_SECTION"
	n, err := sprpCount(l, sec, "NUM_ARTICLES")
	if err != nil {
		return err
	}
	stock := map[int]int{}
	for _, a := range p.Articles {
		stock[a] = 0
	}
	for _, pos := range p.Positions {
		stock[pos.Article] += pos.Quantity
	}
	ordered := map[int]bool{}
	for k := range n {
		if !l.nextNonBlank() {
			return l.eof("%s: expected %d lines, got %d", sec, n, k)
		}
		v, _, err := sprpFields(l, sec, k, "ID", "QUANTITY")
		if err != nil {
			return err
		}
		line := SPRPLine{Article: v[0], Quantity: v[1]}
		have, ok := stock[line.Article]
		switch {
		case !ok:
			return l.errorf("%s: entry %d: article %d: not in ARTICLE_SECTION", sec, k, line.Article)
		case ordered[line.Article]:
			return l.errorf("%s: entry %d: article %d: repeated", sec, k, line.Article)
		case line.Quantity < 1:
			return l.errorf("%s: entry %d: QUANTITY: must be >= 1, got %d", sec, k, line.Quantity)
		case line.Quantity > have:
			return l.errorf("%s: entry %d: article %d: QUANTITY %d exceeds its stock %d", sec, k, line.Article, line.Quantity, have)
		}
		ordered[line.Article] = true
		p.Order = append(p.Order, line)
	}
	return nil
}

// ReadSPRPResults reads one of the result tables shipped with the
// instances and returns the proven optimum per instance file name. It
// accepts both tables, told apart by their header:
//
//   - results_SPRP.csv (single-block): the key is built from the columns as
//     "unit_F<alpha>_m<num aisles>_C<num cells>_a<num articles>_<random seed>.txt"
//     and the value is column "DP cost";
//   - results_SPRP_two_block.csv (a middle cross-aisle added): the key is
//     column "filename" and the value column "objective".
func ReadSPRPResults(path string) (map[string]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	name := filepath.Base(path)
	cr := csv.NewReader(f)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	need := func(names ...string) ([]int, error) {
		idx := make([]int, len(names))
		for i, c := range names {
			j, ok := col[c]
			if !ok {
				return nil, &ParseError{Name: name, Line: 1, Msg: fmt.Sprintf("missing column %q", c)}
			}
			idx[i] = j
		}
		return idx, nil
	}
	var idx []int
	twoBlock := false
	if _, ok := col["filename"]; ok {
		twoBlock = true
		idx, err = need("filename", "objective")
	} else {
		idx, err = need("unit demand", "alpha", "num aisles", "num cells", "num articles", "random seed", "DP cost")
	}
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		fail := func(format string, args ...any) error {
			return &ParseError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
		}
		var key, val string
		if twoBlock {
			key, val = rec[idx[0]], rec[idx[1]]
		} else {
			if rec[idx[0]] != "true" {
				return nil, fail("unit demand: only \"true\" names instance files, got %q", clip(rec[idx[0]]))
			}
			for _, i := range idx[1:6] {
				if _, err := strconv.Atoi(rec[i]); err != nil {
					return nil, fail("%s: expected an integer, got %q", head[i], clip(rec[i]))
				}
			}
			key = fmt.Sprintf("unit_F%s_m%s_C%s_a%s_%s.txt", rec[idx[1]], rec[idx[2]], rec[idx[3]], rec[idx[4]], rec[idx[5]])
			val = rec[idx[6]]
		}
		x, err := parseFloat(val)
		if err != nil {
			return nil, fail("%v", err)
		}
		if _, dup := out[key]; dup {
			return nil, fail("%s: repeated", key)
		}
		out[key] = x
	}
	return out, nil
}
