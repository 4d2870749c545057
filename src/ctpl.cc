// ctpl.cc - C interface to the ctemplate library: the project's only C++
#include <ctemplate/template.h>
#include <ctemplate/template_dictionary.h>
#include <ctemplate/template_emitter.h>

#include <new>
#include <string>
#include <vector>

#include "ctpl.h"

struct ctpl {
	ctemplate::Template *tpl;
};

// The root owns the ctemplate dictionary and every section wrapper under it.
struct ctpl_dict {
	ctemplate::TemplateDictionary *dict;
	ctpl_dict *root;
	std::vector<ctpl_dict *> kids;
};

namespace {

// Appends straight into the caller's buffer: no intermediate std::string.
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(buf *b) : b_(b) {}
	void Emit(char c) override { buf_putc(b_, c); }
	void Emit(const std::string &s) override { buf_put(b_, s.data(), s.size()); }
	void Emit(const char *s) override { buf_puts(b_, s); }
	void Emit(const char *s, size_t n) override { buf_put(b_, s, n); }
private:
	buf *b_;
};

}

extern "C" ctpl *
ctpl_compile(const char *text, size_t len)
{
	try {
		ctemplate::Template *t = ctemplate::Template::StringToTemplate(
		    text, len, ctemplate::DO_NOT_STRIP);
		if (t == nullptr)
			return nullptr;
		return new ctpl{t};
	} catch (...) {
		return nullptr;
	}
}

extern "C" void
ctpl_free(ctpl *t)
{
	if (t == nullptr)
		return;
	delete t->tpl;
	delete t;
}

extern "C" ctpl_dict *
ctpl_dict_new(void)
{
	try {
		auto *d = new ctpl_dict{nullptr, nullptr, {}};
		d->root = d;
		d->dict = new ctemplate::TemplateDictionary("portpages");
		return d;
	} catch (...) {
		return nullptr;
	}
}

extern "C" void
ctpl_dict_free(ctpl_dict *d)
{
	if (d == nullptr)
		return;
	try {
		for (ctpl_dict *k : d->kids)
			delete k;
		delete d->dict;
		delete d;
	} catch (...) {
	}
}

extern "C" int
ctpl_dict_set(ctpl_dict *d, const char *name, const char *value, size_t len)
{
	try {
		d->dict->SetValue(name, ctemplate::TemplateString(value, len));
		return 1;
	} catch (...) {
		return 0;
	}
}

extern "C" ctpl_dict *
ctpl_dict_add(ctpl_dict *d, const char *section)
{
	try {
		auto *w = new ctpl_dict{d->dict->AddSectionDictionary(section),
		    d->root, {}};
		d->root->kids.push_back(w);
		return w;
	} catch (...) {
		return nullptr;
	}
}

extern "C" int
ctpl_expand(const ctpl *t, const ctpl_dict *d, buf *out)
{
	try {
		BufEmitter e(out);
		return t->tpl->Expand(&e, d->dict) ? 1 : 0;
	} catch (...) {
		return 0;
	}
}
