package main

// Reading a record (package ledger), and appending to one.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/disclosurekit/disclosure/ledger"
)

// recordProblem turns an error of reading or verifying the record in file
// into a problem: "FILE: line 7: parts[2].digest: required".
func recordProblem(file string, err error) problem {
	var le *ledger.Error
	if !errors.As(err, &le) {
		return *cannotRead(file, err)
	}
	path := fmt.Sprintf("line %d", le.Line)
	if le.Path != "" {
		path += ": " + le.Path
	}
	return problem{file: displayName(file), path: path, msg: le.Msg}
}

// openInput opens a file, or standard input for "-", to be read whole.
func openInput(e *env, name string) (io.Reader, func(), error) {
	if name == "-" {
		return e.stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if info, err := f.Stat(); err == nil && info.IsDir() {
		f.Close()
		return nil, nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return f, func() { f.Close() }, nil
}

// readRecord reads a whole record and checks every line (ledger.Read).
// The record is read whatever its size: it is the program's own file.
func readRecord(e *env, name string) (*ledger.Record, []problem) {
	r, done, err := openInput(e, name)
	if err != nil {
		return nil, []problem{recordProblem(name, err)}
	}
	defer done()
	rec, err := ledger.Read(bufio.NewReaderSize(r, 1<<16))
	if err != nil {
		return nil, []problem{recordProblem(name, err)}
	}
	return rec, nil
}

// A recordFile is the record export appends to.
type recordFile struct {
	path string         // as given
	name string         // as messages show it
	f    *os.File       // open for appending; nil while there is no file
	rec  *ledger.Record // what the file holds
	size int64          // the file's length as read, then appended to
	head ledger.Head    // the head of what the file holds
	// existed says that the file was there when opened.
	existed bool
	// added counts the entries appended.
	added int
}

// openRecord opens the record at path for appending, and reads it,
// checking every line: a record that is not intact is a problem. A
// missing file is an empty record, created by the first append.
func openRecord(path string) (*recordFile, []problem) {
	rf := &recordFile{path: path, name: displayName(path), rec: &ledger.Record{}}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return rf, nil
	}
	if err != nil {
		return nil, []problem{recordProblem(path, err)}
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = errors.New("not a regular file")
	}
	if err == nil {
		rf.rec, err = ledger.Read(bufio.NewReaderSize(f, 1<<16))
	}
	if err != nil {
		f.Close()
		return nil, []problem{recordProblem(path, err)}
	}
	rf.f, rf.size, rf.head, rf.existed = f, info.Size(), rf.rec.Head(), true
	return rf, nil
}

// close closes the record's file.
func (rf *recordFile) close() {
	if rf != nil && rf.f != nil {
		rf.f.Close()
	}
}

// append records e: it writes its line at the end of the file and syncs
// it, creating the file if there is none, and returns the entry's seq (0
// if the record holds e already). The file must not have changed since it
// was read; a line that cannot be written whole is cut off again. A new
// file's directory is created, readable by its owner only.
func (rf *recordFile) append(e ledger.Entry) (int64, error) {
	if rf.f == nil {
		if err := os.MkdirAll(filepath.Dir(rf.path), 0o700); err != nil {
			return 0, fmt.Errorf("the record: %w", err)
		}
		f, err := os.OpenFile(rf.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return 0, fmt.Errorf("the record: %w", err)
		}
		rf.f = f
	} else if info, err := rf.f.Stat(); err != nil || info.Size() != rf.size {
		return 0, fmt.Errorf("the record %s changed since it was read (another export?): nothing appended", rf.name)
	}
	line, err := rf.rec.Append(e)
	if err != nil || line == nil {
		return 0, err
	}
	if _, err := rf.f.Write(line); err != nil {
		rf.f.Truncate(rf.size)
		return 0, fmt.Errorf("the record: %w", err)
	}
	rf.size += int64(len(line))
	rf.head = rf.rec.Head()
	rf.added++
	if err := rf.f.Sync(); err != nil {
		return 0, fmt.Errorf("the record: %w", err)
	}
	return rf.head.N, nil
}
