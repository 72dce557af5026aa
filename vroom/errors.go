package vroom

import (
	"errors"
	"fmt"
	"net/http"

	"fulfil/solver"
)

// VROOM's status codes (API.md, "Code").
const (
	CodeOK       = 0
	CodeInternal = 1
	CodeInput    = 2
	CodeRouting  = 3
)

// Error is a failure with VROOM's status code and message. Input errors
// also keep the violations, each naming its key ("jobs[3].priority").
type Error struct {
	Code    int
	Message string
	Err     error // the cause, for errors.Is and errors.As; may be nil
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

// HTTPStatus is the status vroom-express answers with: 400 for input
// errors, 500 otherwise.
func (e *Error) HTTPStatus() int {
	if e.Code == CodeInput {
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// Body is the JSON body VROOM writes for this error: code and error only.
func (e *Error) Body() *Output {
	return &Output{Code: e.Code, Error: e.Message}
}

// inputError turns validation violations into a code 2 Error whose message
// lists every violation, "key: message; key: message".
func inputError(err error) *Error {
	ie, ok := errors.AsType[*solver.InputError](err)
	if !ok {
		return &Error{Code: CodeInput, Message: err.Error(), Err: err}
	}
	msg := ""
	for i, v := range ie.Violations {
		if i > 0 {
			msg += "; "
		}
		msg += v.String()
	}
	if ie.Dropped > 0 {
		msg += fmt.Sprintf("; and %d more", ie.Dropped)
	}
	return &Error{Code: CodeInput, Message: msg, Err: err}
}

// internalError is a code 1 Error: a bug or a failed check, never the
// caller's fault.
func internalError(err error) *Error {
	return &Error{Code: CodeInternal, Message: "internal error: " + err.Error(), Err: err}
}
