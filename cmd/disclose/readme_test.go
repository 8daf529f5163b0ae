package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTimeline runs the commands of the README's section on the
// program over time, in order, as a reader would from the repository's
// root, and checks that each output it shows is in the output of the
// command before it.
func TestReadmeTimeline(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## The program over time\n")
	if !ok {
		t.Fatal("README.md has no section on the program over time")
	}
	section, _, _ = strings.Cut(section, "\n## ")

	// A directory with the files the commands read, at their paths from
	// the repository's root; what they write goes there too.
	dir := t.TempDir()
	for _, src := range []string{"demo", "testdata/test-key-not-secret"} {
		err := filepath.WalkDir(src, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			dst := filepath.Join(dir, "cmd", "disclose", path)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o600)
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	const prefix = "    go run ./cmd/disclose "
	var last string
	commands, shown := 0, 0
	lines := strings.Split(section, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, prefix):
			args := strings.Fields(strings.TrimPrefix(line, prefix))
			cmd := exec.Command(binary, args...)
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("disclose %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
			}
			last = stdout.String()
			commands++
		case line == "```":
			end := i + 1
			for end < len(lines) && lines[end] != "```" {
				end++
			}
			block := strings.Join(lines[i+1:end], "\n") + "\n"
			if last == "" || !strings.Contains(last, block) {
				t.Errorf("README.md shows:\n%s\nthe command before it printed:\n%s", block, last)
			}
			i = end
			shown++
		}
	}
	if commands < 6 || shown < 6 {
		t.Errorf("%d commands and %d outputs found in the section", commands, shown)
	}
}
