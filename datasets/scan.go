package datasets

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxLine bounds one input line. EXPLICIT matrices in full-row layout put a
// whole row on one line, so this is generous.
const maxLine = 64 << 20

// ParseError reports malformed input at a line of a named file. Its text
// reads "name:line: message", as compilers print positions.
type ParseError struct {
	Name string // file name or the name given to the reader
	Line int    // 1-based; 0 when the problem is not tied to a line
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line <= 0 {
		return e.Name + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.Name, e.Line, e.Msg)
}

// lines reads a text file line by line, counting lines and trimming CR and
// surrounding blanks. It is the one scanner all readers share.
type lines struct {
	sc   *bufio.Scanner
	name string
	n    int    // number of the line in text
	text string // current line, trimmed
	err  error  // read error, wrapped with the name
}

func newLines(r io.Reader, name string) *lines {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	return &lines{sc: sc, name: name}
}

// next advances to the next line, blank or not. It reports false at the
// end of input or on a read error (kept in l.err).
func (l *lines) next() bool {
	if !l.sc.Scan() {
		if err := l.sc.Err(); err != nil && l.err == nil {
			if errors.Is(err, bufio.ErrTooLong) {
				l.err = &ParseError{Name: l.name, Line: l.n + 1, Msg: fmt.Sprintf("line longer than %d bytes", maxLine)}
			} else {
				l.err = fmt.Errorf("reading %s: %w", l.name, err)
			}
		}
		return false
	}
	l.n++
	l.text = strings.TrimSpace(l.sc.Text())
	return true
}

// nextNonBlank advances to the next line that is not blank.
func (l *lines) nextNonBlank() bool {
	for l.next() {
		if l.text != "" {
			return true
		}
	}
	return false
}

// errorf returns a ParseError at the current line.
func (l *lines) errorf(format string, args ...any) error {
	return &ParseError{Name: l.name, Line: l.n, Msg: fmt.Sprintf(format, args...)}
}

// eof returns the read error if there was one, or a ParseError saying what
// was still expected at the end of input.
func (l *lines) eof(format string, args ...any) error {
	if l.err != nil {
		return l.err
	}
	return &ParseError{Name: l.name, Line: l.n, Msg: "unexpected end of file: " + fmt.Sprintf(format, args...)}
}

// tokens reads whitespace-separated tokens across lines, remembering the
// line of each, for formats that are plain streams of numbers (OR-Library,
// TSPLIB matrices).
type tokens struct {
	l      *lines
	fields []string
	line   int // line of the last token returned
}

func newTokens(l *lines) *tokens { return &tokens{l: l} }

// next returns the next token, or false at the end of input.
func (t *tokens) next() (string, bool) {
	for len(t.fields) == 0 {
		if !t.l.next() {
			return "", false
		}
		t.fields = strings.Fields(t.l.text)
	}
	tok := t.fields[0]
	t.fields = t.fields[1:]
	t.line = t.l.n
	return tok, true
}

// errorf returns a ParseError at the line of the last token.
func (t *tokens) errorf(format string, args ...any) error {
	return &ParseError{Name: t.l.name, Line: t.line, Msg: fmt.Sprintf(format, args...)}
}

// openFile opens path for one of the File readers and calls read with the
// base name, so that errors name the file.
func openFile[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f, filepath.Base(path))
}

// parseInt parses a decimal integer; TSPLIB files sometimes write integral
// values as "10.0", which is accepted when the fraction is zero.
func parseInt(s string) (int64, error) {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return v, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("expected an integer, got %q", s)
	}
	return int64(f), nil
}

// parseFloat parses a finite decimal number.
func parseFloat(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("expected a finite number, got %q", s)
	}
	return f, nil
}
