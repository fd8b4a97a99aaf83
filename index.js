// n8n loads the nodes and credentials listed in package.json's "n8n" section from dist/.
// This file only exists so that `require('n8n-nodes-whatsapp-gateway')` does not fail.
module.exports = {};
