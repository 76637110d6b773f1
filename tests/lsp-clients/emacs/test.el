;;; test.el --- eglot against `dotnet <dynlang.dll> lsp' (tests/lsp-clients/run.sh runs it)  -*- lexical-binding: t -*-
;; DYNLANG_DLL=<dll> emacs --batch -q -l tests/lsp-clients/emacs/test.el
;; Uses docs/editor.md's snippet (dyn-mode derived from prog-mode, eglot-server-programs), with the
;; server command pointed at the built dll; opens ../leak.dyn and checks the mode, the comment syntax and
;; the diagnostic that Flymake gets through eglot (id DL0201, line 6, column 27). Prints "ok:"/"FAILED:"
;; per step; exits 1 on any failure. Emacs 28 with elpa-eglot (Debian 12), or Emacs 29+.

(require 'eglot)
(require 'flymake)

;; The snippet of docs/editor.md ("Emacs (eglot)"), server command aside.
(define-derived-mode dyn-mode prog-mode "DynLang"
  "Major mode for DynLang .dyn model files."
  (setq-local comment-start "// ")
  (setq-local comment-start-skip "//+\\s-*")
  (modify-syntax-entry ?/ ". 124b" dyn-mode-syntax-table)
  (modify-syntax-entry ?* ". 23" dyn-mode-syntax-table)
  (modify-syntax-entry ?\n "> b" dyn-mode-syntax-table)
  (modify-syntax-entry ?_ "_" dyn-mode-syntax-table))
(add-to-list 'auto-mode-alist '("\\.dyn\\'" . dyn-mode))
(defvar dyn-test-dll (getenv "DYNLANG_DLL"))
(add-to-list 'eglot-server-programs `(dyn-mode . ("dotnet" ,dyn-test-dll "lsp")))
(add-hook 'dyn-mode-hook #'eglot-ensure)

(defvar dyn-test-passed 0)
(defvar dyn-test-failed 0)
(defvar dyn-test-step-seconds
  (/ (string-to-number (or (getenv "LSP_STEP_TIMEOUT_MS") "60000")) 1000.0))

(defmacro dyn-test-step (name &rest body)
  `(condition-case err
       (progn ,@body (setq dyn-test-passed (1+ dyn-test-passed)) (princ (format "ok: %s\n" ,name)))
     (error (setq dyn-test-failed (1+ dyn-test-failed))
            (princ (format "FAILED: %s: %s\n" ,name (error-message-string err))))))

(defun dyn-test-expect (what expected got)
  (unless (equal expected got) (error "%s: expected %S, got %S" what expected got)))

(unless (and dyn-test-dll (file-readable-p dyn-test-dll))
  (princ (format "FAILED: setup: set DYNLANG_DLL to the built dynlang.dll (got %S)\n" dyn-test-dll))
  (kill-emacs 1))

(let ((fixture (expand-file-name "../leak.dyn" (file-name-directory load-file-name))))
  (find-file fixture)
  (dyn-test-step "dyn-mode for .dyn, // and /* */ comments"
    (dyn-test-expect "major-mode" 'dyn-mode major-mode)
    (dyn-test-expect "line 1 is a comment" t (nth 4 (syntax-ppss (+ (point-min) 5)))))
  (dyn-test-step "eglot connects"
    ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
    (unless (eglot-current-server) (apply #'eglot (eglot--guess-contact)))
    (unless (eglot-current-server) (error "no eglot server for the buffer")))
  (dyn-test-step "the diagnostic has the build's id, line and column"
    (let ((deadline (+ (float-time) dyn-test-step-seconds)))
      ;; An over-budget compile first publishes warning DL0904 alone; wait for the compile's own list (an error).
      (while (and (< (float-time) deadline)
                  (not (seq-some (lambda (d) (eq (flymake-diagnostic-type d) 'eglot-error)) (flymake-diagnostics))))
        (accept-process-output nil 0.1)))
    (let ((found (mapcar (lambda (d)
                           (save-excursion
                             (goto-char (flymake-diagnostic-beg d))
                             (list (line-number-at-pos) (current-column) (flymake-diagnostic-type d)
                                   (and (string-match "DL[0-9]\\{4\\}" (flymake-diagnostic-text d))
                                        (match-string 0 (flymake-diagnostic-text d))))))
                         (flymake-diagnostics))))
      ;; dynlang check: leak.dyn(6,28): error DL0201 (1-based column; Emacs columns are 0-based)
      (dyn-test-expect "line, column, type, id" '((6 27 eglot-error "DL0201")) found)))
  (dyn-test-step "shutdown"
    (eglot-shutdown (eglot-current-server))))

(princ (format "emacs: %d passed, %d failed\n" dyn-test-passed dyn-test-failed))
(kill-emacs (if (= dyn-test-failed 0) 0 1))
