/**
 * The small web pages a person sees after tapping a link of a Send and Wait for Response message:
 * self-contained HTML (no scripts, no external assets), readable on a phone. Every text that comes
 * from the workflow or the person is escaped.
 */

export interface PageButton {
	label: string;
	/** Hidden form value `approved` the button posts. */
	approved: 'true' | 'false';
	primary: boolean;
}

export interface PageField {
	/** Form field name (`field-<n>`). */
	name: string;
	label: string;
	type: 'text' | 'textarea' | 'number' | 'email' | 'date' | 'dropdown';
	required: boolean;
	placeholder?: string;
	choices?: string[];
	value?: string;
}

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Text with line breaks as paragraphs (escaped). */
function paragraphs(text: string): string {
	return text
		.trim()
		.split(/\n{2,}/)
		.filter((p) => p.trim() !== '')
		.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
		.join('\n');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#eae6df;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#111b21}
main{max-width:460px;margin:40px auto;padding:0 16px}
.card{background:#fff;border-radius:12px;padding:28px 24px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 14px}
p{font-size:16px;line-height:1.45;margin:0 0 12px}
.muted{color:#667781;font-size:14px}
.error{color:#b3261e;font-weight:600}
form{margin:18px 0 0}
label{display:block;font-weight:600;font-size:15px;margin:14px 0 6px}
label .req{color:#b3261e}
input,textarea,select{width:100%;font:inherit;font-size:16px;padding:10px 12px;border:1px solid #c9cfd3;border-radius:8px;background:#fff}
textarea{min-height:110px;resize:vertical}
.buttons{display:flex;flex-direction:column;gap:10px;margin-top:20px}
button{font:inherit;font-size:17px;font-weight:600;padding:13px 16px;border-radius:24px;border:0;cursor:pointer;width:100%}
button.primary{background:#008069;color:#fff}
button.secondary{background:#fff;color:#008069;border:1px solid #008069}
footer{text-align:center;margin:16px 0;color:#667781;font-size:12px}
`;

function layout(title: string, content: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
${content}
</div>
<footer>WhatsApp Gateway · n8n</footer>
</main>
</body>
</html>`;
}

function buttonsForm(buttons: PageButton[]): string {
	const items = buttons
		.map(
			(b) =>
				`<button type="submit" name="approved" value="${b.approved}" class="${b.primary ? 'primary' : 'secondary'}">${escapeHtml(b.label)}</button>`,
		)
		.join('\n');
	// Posts to the page's own (signed) address; the answer travels in the body.
	return `<form method="post" enctype="multipart/form-data">
<input type="hidden" name="confirm" value="yes">
<div class="buttons">
${items}
</div>
</form>`;
}

/** The approval page: the question and the answer button(s); nothing is recorded until a tap. */
export function approvalPage(input: {
	title: string;
	message: string;
	buttons: PageButton[];
}): string {
	const heading = input.title ? `<h1>${escapeHtml(input.title)}</h1>\n` : '';
	return layout(
		input.title || 'Your answer',
		`${heading}${paragraphs(input.message)}\n${buttonsForm(input.buttons)}`,
	);
}

function fieldHtml(field: PageField): string {
	const required = field.required ? ' required' : '';
	const star = field.required ? ' <span class="req">*</span>' : '';
	const label = `<label for="${field.name}">${escapeHtml(field.label)}${star}</label>`;
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	const value = field.value ?? '';
	switch (field.type) {
		case 'textarea':
			return `${label}<textarea id="${field.name}" name="${field.name}"${placeholder}${required}>${escapeHtml(value)}</textarea>`;
		case 'dropdown': {
			const options = [
				`<option value=""${value === '' ? ' selected' : ''}>Choose…</option>`,
				...(field.choices ?? []).map(
					(c) =>
						`<option value="${escapeHtml(c)}"${c === value ? ' selected' : ''}>${escapeHtml(c)}</option>`,
				),
			].join('');
			return `${label}<select id="${field.name}" name="${field.name}"${required}>${options}</select>`;
		}
		default: {
			const step = field.type === 'number' ? ' step="any"' : '';
			return `${label}<input id="${field.name}" name="${field.name}" type="${field.type}" value="${escapeHtml(value)}"${placeholder}${step}${required}>`;
		}
	}
}

/** A form page (Free Text: one required textarea; Custom Form: the fields of the node). */
export function formPage(input: {
	title: string;
	description: string;
	fields: PageField[];
	buttonLabel: string;
	error?: string;
}): string {
	const heading = input.title ? `<h1>${escapeHtml(input.title)}</h1>\n` : '';
	const error = input.error ? `<p class="error">${escapeHtml(input.error)}</p>\n` : '';
	return layout(
		input.title || 'Your answer',
		`${heading}${paragraphs(input.description)}\n${error}<form method="post" enctype="multipart/form-data">
${input.fields.map(fieldHtml).join('\n')}
<div class="buttons"><button type="submit" class="primary">${escapeHtml(input.buttonLabel)}</button></div>
</form>`,
	);
}

/** What the person sees once the answer is recorded. */
export function recordedPage(summary: string): string {
	return layout(
		'Answer recorded',
		`<h1>Got it, thanks</h1>\n${paragraphs(summary)}\n<p class="muted">This page can be closed now.</p>`,
	);
}

/** A request the page cannot take (nothing is recorded). */
export function problemPage(message: string): string {
	return layout('Answer not recorded', `<h1>Answer not recorded</h1>\n${paragraphs(message)}`);
}
