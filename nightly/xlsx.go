package nightly

import (
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// workbook writes the sheets into one .xlsx, a worksheet per list: bold
// frozen header row, columns as wide as their longest cell (capped), and
// numbers kept as numbers.
func workbook(sheets []sheet) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE6F0"}}})
	if err != nil {
		return nil, err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return nil, err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		width := make([]int, len(s.header))
		for c, h := range s.header {
			width[c] = utf8.RuneCountInString(h)
		}
		for _, r := range s.rows {
			for c, v := range r {
				width[c] = max(width[c], utf8.RuneCountInString(cell(v)))
			}
		}
		for c, w := range width {
			if err := sw.SetColWidth(c+1, c+1, float64(min(w, 60)+2)); err != nil {
				return nil, err
			}
		}
		head := make([]any, len(s.header))
		for c, h := range s.header {
			head[c] = excelize.Cell{StyleID: bold, Value: h}
		}
		if err := sw.SetRow("A1", head); err != nil {
			return nil, err
		}
		for r, row := range s.rows {
			at, err := excelize.CoordinatesToCellName(1, r+2)
			if err != nil {
				return nil, err
			}
			if err := sw.SetRow(at, row); err != nil {
				return nil, fmt.Errorf("sheet %s row %d: %w", s.name, r+2, err)
			}
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
