package disclosure_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryExportedNameIsDocumented checks every package of the module:
// each exported type, function, method, constant and variable has a doc
// comment (a constant or variable may share its group's).
func TestEveryExportedNameIsDocumented(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.IsDir() {
			return err
		}
		if strings.HasPrefix(e.Name(), ".") && path != "." || e.Name() == "testdata" {
			return filepath.SkipDir
		}
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, path, func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, pkg := range pkgs {
			checkDocs(t, path, doc.New(pkg, path, 0))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkDocs(t *testing.T, dir string, p *doc.Package) {
	t.Helper()
	if p.Doc == "" {
		t.Errorf("%s: package %s has no package comment", dir, p.Name)
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			if v.Doc != "" {
				continue
			}
			for _, spec := range v.Decl.Specs {
				s := spec.(*ast.ValueSpec)
				for _, n := range s.Names {
					if n.IsExported() && s.Doc == nil && s.Comment == nil {
						t.Errorf("%s: %s is not documented", dir, n.Name)
					}
				}
			}
		}
	}
	values(p.Consts)
	values(p.Vars)
	for _, f := range p.Funcs {
		if f.Doc == "" {
			t.Errorf("%s: func %s is not documented", dir, f.Name)
		}
	}
	for _, ty := range p.Types {
		if ty.Doc == "" {
			t.Errorf("%s: type %s is not documented", dir, ty.Name)
		}
		values(ty.Consts)
		values(ty.Vars)
		for _, f := range append(ty.Funcs, ty.Methods...) {
			if ast.IsExported(f.Name) && f.Doc == "" {
				t.Errorf("%s: %s.%s is not documented", dir, ty.Name, f.Name)
			}
		}
	}
}
