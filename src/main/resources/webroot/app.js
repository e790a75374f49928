/*
 * GHL Data web UI. Plain browser JavaScript, no build step, no dependencies, loaded with
 * <script src defer> so a strict CSP (script-src 'self', no inline styles) holds.
 *
 * Every string that comes from the server (file names, column headers, cell values, error
 * details) reaches the page through textContent or setAttribute, never as HTML: uploads are
 * user-controlled and file names may well contain markup.
 *
 * The session is an HttpOnly cookie the server sets on sign-in; this script never sees the token
 * and keeps nothing about the account in storage. It only learns who is signed in from GET /me.
 */
(() => {
  'use strict';

  const LANG_KEY = 'ghl-data.lang';
  const PAGE_SIZE = 20;
  const SPLIT_ROWS = 10000;
  const POLL_MS = 2000;
  const LIST_REFRESH_MS = 5000;
  const ACCEPTED = ['csv', 'xlsx', 'xls', 'txt', 'tsv'];
  // Files that may have sheets to choose from; text files are never sent just to be inspected.
  const WORKBOOKS = ['xlsx', 'xls'];
  // The preview's columns people check first; on a phone they come first, within reach without scrolling.
  const FIRST_ON_PHONES = ['Email', 'Phone'];
  const PHONE = window.matchMedia('(max-width: 560px)');
  const TERMINAL = new Set(['done', 'failed']);
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  // The server's rule for new passwords (POST /auth/register answers weak_password outside it).
  const PASSWORD_MIN = 10;
  const PASSWORD_MAX = 256;
  // Auth problems the panel words itself; any other code shows the server's own detail.
  const AUTH_CODES = new Set(['invalid_credentials', 'email_taken', 'weak_password', 'invalid_email',
    'email_required', 'password_required', 'reset_token_invalid', 'rate_limited', 'network']);
  // A password-reset link opens the app at #reset=<token> (a fragment: never sent to a server).
  const RESET_HASH = /^#reset=([A-Za-z0-9_-]{20,200})$/;
  // The languages of the page; each has a message catalogue at /i18n/<htmlLang>.json, the one the API words its errors from.
  const LANGS = ['pt', 'en', 'es'];
  // Members of a problem (or of a job's error) that are not parameters of its message.
  const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'variant', 'message', 'retryAfter', 'stale']);

  // ---------------------------------------------------------------- dictionary

  const I18N = {
    pt: {
      htmlLang: 'pt-BR',
      locale: 'pt-BR',
      docTitle: 'GHL Data — planilhas prontas para o GoHighLevel',
      langLabel: 'Idioma',
      skip: 'Pular para o conteúdo',
      nav: 'Principal',
      apiDocs: 'API',
      dismiss: 'Fechar aviso',
      heroTitle: 'Sua planilha de contatos, pronta para o GoHighLevel',
      heroLead: 'Envie XLSX, XLS ou CSV do jeito que estiver. Corrigimos telefones, e-mails, nomes e colunas, e entregamos o CSV que o GHL importa sem erros.',
      uploadTitle: 'Nova conversão',
      dropTitle: 'Arraste sua planilha para cá',
      dropSub: 'ou clique para escolher um arquivo',
      dropHint: 'XLSX, XLS, CSV, TSV ou TXT',
      optionsLegend: 'Opções',
      optCountry: 'País padrão dos telefones',
      optCountryHelp: 'Usado quando o número não traz o código do país.',
      optTag: 'Tag da importação',
      optTagPh: 'ex.: feira-2025',
      optSource: 'Origem (Source)',
      optSourcePh: 'ex.: planilha do evento',
      optSheet: 'Aba da planilha',
      sheetReading: 'Lendo as abas da planilha…',
      sheetColumns: 'Colunas da aba {sheet}: {columns}',
      sheetPickAnother: 'Esta aba não tem contatos que dê para converter: escolha outra.',
      dropLimit: 'Até {limit} por arquivo',
      tooLargeTitle: 'Arquivo grande demais',
      tooLargeDetail: '{name} tem {size}, e este servidor aceita até {limit}. Envie só as colunas de contato ou divida as linhas em arquivos menores; se você mesmo hospeda o GHL Data, aumente MAX_UPLOAD_MB.',
      convert: 'Converter planilha',
      uploading: 'Enviando…',
      uploadProcessing: 'Arquivo enviado, criando a conversão…',
      uploadDone: 'Arquivo enviado. A conversão começou.',
      jobsTitle: 'Conversões recentes',
      filterLabel: 'Filtrar por status',
      filterAll: 'Todas',
      refresh: 'Atualizar lista',
      loadMore: 'Carregar mais',
      emptyTitle: 'Nenhuma conversão ainda',
      emptyText: 'Envie sua primeira planilha ao lado. Ela aparece aqui com o andamento e o relatório.',
      emptyFiltered: 'Nenhuma conversão com esse status.',
      jobsCount: 'Mostrando {shown} de {total}',
      status_queued: 'Na fila',
      status_processing: 'Convertendo',
      status_done: 'Concluída',
      status_failed: 'Falhou',
      contacts: '{n} contatos',
      contactsOne: '1 contato',
      rowsRead_one: '{n} linha lida',
      rowsRead_other: '{n} linhas lidas',
      waiting: 'aguardando',
      detailEyebrow: 'Conversão',
      metaCreated: 'Enviada em {date}',
      metaCountry: 'país {country}',
      metaTag: 'tag “{tag}”',
      progressQueued: 'Na fila. A conversão começa em instantes.',
      progressProcessing_one: '{n} linha processada…',
      progressProcessing_other: '{n} linhas processadas…',
      progressStarting: 'Lendo o arquivo…',
      progressAttempt: 'tentativa {n}',
      failedTitle: 'A conversão falhou',
      actions: 'Ações',
      downloadCsv: 'Baixar CSV para o GHL',
      downloadZip: 'Baixar em partes (ZIP)',
      downloadRejects: 'Baixar rejeitados',
      downloadExcel: 'CSV para Excel',
      downloadIssues: 'Baixar células retiradas',
      nextStep: 'Próximo passo no GHL: Contatos → Importar contatos → envie o CSV e confira as colunas.',
      nextStepZip: 'Próximo passo no GHL: descompacte o ZIP e, em Contatos → Importar contatos, envie cada parte (até 10.000 contatos cada).',
      issuesTitle: 'Células retiradas ou corrigidas',
      issuesNote: '{n} células. Os valores originais ficam aqui e no arquivo “Baixar células retiradas”.',
      issuesFilter: 'Motivo',
      issuesAll: 'Todos os motivos ({n})',
      issuesRow: 'Linha',
      issuesColumn: 'Coluna',
      issuesValue: 'Valor original',
      issuesReason: 'Motivo',
      issuesSuggestion: 'Sugestão',
      issue_invalid_email: 'E-mail inválido',
      issue_email_domain_typo: 'Domínio de e-mail com erro de digitação',
      issue_invalid_phone: 'Telefone inválido',
      issue_phone_scientific_notation: 'Telefone em notação científica',
      issue_invalid_date: 'Data inválida',
      issue_invalid_timezone: 'Fuso horário desconhecido',
      issue_excel_error: 'Valor de erro da planilha',
      issue_notes_too_long: 'Observações cortadas',
      issue_cell_too_long: 'Célula cortada',
      failedAttempts: 'Tentativas: {n}.',
      failedFinal: 'Tentar de novo não resolve: corrija o arquivo e envie outra vez.',
      retry: 'Tentar novamente',
      delete: 'Excluir',
      zipHelp: 'O ZIP traz arquivos de até 10.000 linhas, para contas do GHL que recusam arquivos grandes.',
      confirmDeleteTitle: 'Excluir esta conversão?',
      confirmDeleteText: '“{name}” e todos os arquivos gerados serão apagados. Isso não pode ser desfeito.',
      confirmDelete: 'Excluir',
      cancel: 'Cancelar',
      deleted: 'Conversão excluída.',
      retried: 'A conversão foi colocada na fila de novo.',
      downloading: 'Preparando o download…',
      statusNow: 'Conversão de “{name}”: {status}.',
      previewTitle: 'Prévia do arquivo gerado',
      previewNote_one: 'Primeira linha de {total}',
      previewNote_other: 'Primeiras {n} linhas de {total}',
      previewEmpty: 'Nenhuma linha no arquivo gerado.',
      previewScrollHint: 'Deslize a tabela para o lado para ver as outras colunas →',
      manageJob: 'Gerenciar conversão',
      reportLoading: 'Carregando o relatório…',
      statTotal: 'Linhas lidas',
      statWritten: 'Contatos no arquivo',
      statWrittenNote: 'prontos para importar',
      statEmail: 'Com e-mail',
      statPhone: 'Com telefone',
      qualityTitle: 'Qualidade dos dados',
      q_ninth_one: 'celular com o 9º dígito corrigido',
      q_ninth_other: 'celulares com o 9º dígito corrigido',
      q_duplicates_one: 'duplicado mesclado',
      q_duplicates_other: 'duplicados mesclados',
      q_invalidEmails_one: 'e-mail inválido removido',
      q_invalidEmails_other: 'e-mails inválidos removidos',
      q_invalidPhones_one: 'telefone inválido removido',
      q_invalidPhones_other: 'telefones inválidos removidos',
      q_invalidDates_one: 'data inválida',
      q_invalidDates_other: 'datas inválidas',
      q_rejected_one: 'linha rejeitada',
      q_rejected_other: 'linhas rejeitadas',
      q_empty_one: 'linha vazia ignorada',
      q_empty_other: 'linhas vazias ignoradas',
      fillTitle: 'Preenchimento por coluna',
      fillNote: '% dos contatos com valor',
      phonesTitle: 'Telefones por país',
      phonesNone: 'Nenhum telefone válido.',
      reasonsTitle: 'Motivos de rejeição',
      reason_missing_name_email_phone: 'Sem nome, e-mail nem telefone',
      reason_invalid_email: 'E-mail inválido',
      reason_invalid_phone: 'Telefone inválido',
      mappingTitle: 'Colunas reconhecidas',
      mappingSource: 'Na sua planilha',
      mappingTarget: 'No GHL',
      mappingNone: 'Nenhuma coluna reconhecida.',
      unmappedTitle: 'Colunas ignoradas',
      unmappedNote: 'Não correspondem a nenhum campo do GHL.',
      fileTitle: 'Sobre o arquivo',
      f_format: 'Formato',
      f_encoding: 'Codificação',
      f_delimiter: 'Separador',
      f_sheet: 'Aba',
      f_sheetOf: '{sheet} (de {n})',
      f_header: 'Cabeçalho na linha',
      f_country: 'País padrão',
      f_seconds: 'Tempo',
      f_secondsValue: '{s} s',
      delim_comma: 'vírgula',
      delim_semicolon: 'ponto e vírgula',
      delim_tab: 'tabulação',
      delim_pipe: 'barra vertical',
      footerNote: 'Seus arquivos ficam só com você. Exclua quando quiser.',
      authSignInTitle: 'Entre na sua conta',
      authSignUpTitle: 'Crie sua conta',
      authSignInLead: 'Suas conversões ficam guardadas na sua conta. Só você as vê.',
      authSignUpLead: 'Só precisamos de um e-mail e de uma senha. Suas conversões ficam guardadas na conta.',
      authEmail: 'E-mail',
      authEmailPh: 'voce@empresa.com',
      authPassword: 'Senha',
      authPasswordHelp: 'Pelo menos 10 caracteres.',
      authSubmitSignIn: 'Entrar',
      authSubmitSignUp: 'Criar conta',
      authBusySignIn: 'Entrando…',
      authBusySignUp: 'Criando a conta…',
      authToSignUpPrompt: 'Ainda não tem conta?',
      authToSignUp: 'Criar uma conta',
      authToSignInPrompt: 'Já tem conta?',
      authToSignIn: 'Entrar',
      authForgot: 'Esqueci minha senha',
      authForgotTitle: 'Esqueceu sua senha?',
      authForgotLead: 'Digite o e-mail da sua conta. Enviaremos um link para você criar uma nova senha.',
      authSubmitForgot: 'Enviar link',
      authBusyForgot: 'Enviando…',
      authForgotBackPrompt: 'Lembrou a senha?',
      authResetTitle: 'Crie uma nova senha',
      authResetLead: 'Escolha a nova senha da sua conta. Depois, entre com ela.',
      authNewPassword: 'Nova senha',
      authSubmitReset: 'Salvar nova senha',
      authBusyReset: 'Salvando…',
      authShowPassword: 'Mostrar',
      authHidePassword: 'Ocultar',
      authShowPasswordLabel: 'Mostrar a senha',
      authHidePasswordLabel: 'Ocultar a senha',
      resetSent: 'Se houver uma conta com esse e-mail, enviamos um link para criar uma nova senha. Ele vale por pouco tempo e só pode ser usado uma vez.',
      resetDone: 'Senha alterada. Entre com a nova senha.',
      signOut: 'Sair',
      signedInAs: 'Conectado como {email}',
      signedIn: 'Você entrou como {email}.',
      signedOut: 'Você saiu da sua conta.',
      sessionExpired: 'Sua sessão expirou. Entre novamente.',
      err_password_required: 'A senha é obrigatória.',
      err_email_required: 'O e-mail é obrigatório.',
      chooseFile: 'Escolha um arquivo primeiro.',
      badExtension: 'Tipo de arquivo não aceito: “{name}”.',
      badExtensionDetail: 'Envie uma planilha XLSX, XLS, CSV, TSV ou TXT.',
      fileSelected: 'Arquivo escolhido: {name}',
      err_network: 'Sem conexão com o servidor. Verifique sua internet e tente de novo.',
      err_unknown: 'Não foi possível concluir a operação.',
      err_status_400: 'A requisição não é válida.',
      err_status_401: 'Sua sessão expirou. Entre novamente.',
      err_status_403: 'Você não tem permissão para isso.',
      err_status_404: 'Não encontrado.',
      err_status_409: 'A operação não é possível no estado atual.',
      err_status_413: 'O arquivo é grande demais.',
      err_status_415: 'Tipo de arquivo não aceito.',
      err_status_422: 'Não foi possível usar esse arquivo.',
      err_status_429: 'Muitas solicitações em pouco tempo. Tente de novo em alguns instantes.',
      err_status_5xx: 'O serviço está com problemas. Tente de novo em instantes.',
    },
    en: {
      htmlLang: 'en',
      locale: 'en-US',
      docTitle: 'GHL Data — spreadsheets ready for GoHighLevel',
      langLabel: 'Language',
      skip: 'Skip to content',
      nav: 'Main',
      apiDocs: 'API',
      dismiss: 'Dismiss',
      heroTitle: 'Your contact spreadsheet, ready for GoHighLevel',
      heroLead: 'Upload XLSX, XLS or CSV as it is. We fix phones, emails, names and columns, and hand you the CSV that GHL imports without errors.',
      uploadTitle: 'New conversion',
      dropTitle: 'Drop your spreadsheet here',
      dropSub: 'or click to choose a file',
      dropHint: 'XLSX, XLS, CSV, TSV or TXT',
      optionsLegend: 'Options',
      optCountry: 'Default phone country',
      optCountryHelp: 'Used when a number has no country code.',
      optTag: 'Import tag',
      optTagPh: 'e.g. trade-show-2025',
      optSource: 'Source',
      optSourcePh: 'e.g. event spreadsheet',
      optSheet: 'Sheet',
      sheetReading: 'Reading the workbook’s sheets…',
      sheetColumns: 'Columns of {sheet}: {columns}',
      sheetPickAnother: 'This sheet has no contacts that can be converted: choose another.',
      dropLimit: 'Up to {limit} per file',
      tooLargeTitle: 'File too large',
      tooLargeDetail: '{name} is {size}, and this server accepts up to {limit}. Send only the contact columns or split the rows into smaller files; if you host GHL Data yourself, raise MAX_UPLOAD_MB.',
      convert: 'Convert spreadsheet',
      uploading: 'Uploading…',
      uploadProcessing: 'File uploaded, creating the conversion…',
      uploadDone: 'File uploaded. The conversion has started.',
      jobsTitle: 'Recent conversions',
      filterLabel: 'Filter by status',
      filterAll: 'All',
      refresh: 'Refresh list',
      loadMore: 'Load more',
      emptyTitle: 'No conversions yet',
      emptyText: 'Upload your first spreadsheet. It shows up here with its progress and report.',
      emptyFiltered: 'No conversions with this status.',
      jobsCount: 'Showing {shown} of {total}',
      status_queued: 'Queued',
      status_processing: 'Converting',
      status_done: 'Done',
      status_failed: 'Failed',
      contacts: '{n} contacts',
      contactsOne: '1 contact',
      rowsRead_one: '{n} row read',
      rowsRead_other: '{n} rows read',
      waiting: 'waiting',
      detailEyebrow: 'Conversion',
      metaCreated: 'Uploaded {date}',
      metaCountry: 'country {country}',
      metaTag: 'tag “{tag}”',
      progressQueued: 'Queued. The conversion starts in a moment.',
      progressProcessing_one: '{n} row processed…',
      progressProcessing_other: '{n} rows processed…',
      progressStarting: 'Reading the file…',
      progressAttempt: 'attempt {n}',
      failedTitle: 'The conversion failed',
      actions: 'Actions',
      downloadCsv: 'Download CSV for GHL',
      downloadZip: 'Download in parts (ZIP)',
      downloadRejects: 'Download rejects',
      downloadExcel: 'CSV for Excel',
      downloadIssues: 'Download cells left out',
      nextStep: 'Next step in GHL: Contacts → Import contacts → upload the CSV and check the columns.',
      nextStepZip: 'Next step in GHL: unzip the ZIP, then in Contacts → Import contacts upload each part (up to 10,000 contacts each).',
      issuesTitle: 'Cells left out or changed',
      issuesNote: '{n} cells. Their original values are kept here and in “Download cells left out”.',
      issuesFilter: 'Reason',
      issuesAll: 'All reasons ({n})',
      issuesRow: 'Row',
      issuesColumn: 'Column',
      issuesValue: 'Original value',
      issuesReason: 'Reason',
      issuesSuggestion: 'Suggestion',
      issue_invalid_email: 'Invalid email',
      issue_email_domain_typo: 'Typo in the email domain',
      issue_invalid_phone: 'Invalid phone',
      issue_phone_scientific_notation: 'Phone in scientific notation',
      issue_invalid_date: 'Invalid date',
      issue_invalid_timezone: 'Unknown time zone',
      issue_excel_error: 'Spreadsheet error value',
      issue_notes_too_long: 'Notes cut',
      issue_cell_too_long: 'Cell cut',
      failedAttempts: 'Attempts: {n}.',
      failedFinal: 'Trying again will not help: fix the file and upload it again.',
      retry: 'Try again',
      delete: 'Delete',
      zipHelp: 'The ZIP holds files of up to 10,000 rows, for GHL accounts that refuse large files.',
      confirmDeleteTitle: 'Delete this conversion?',
      confirmDeleteText: '“{name}” and every file made from it will be erased. This cannot be undone.',
      confirmDelete: 'Delete',
      cancel: 'Cancel',
      deleted: 'Conversion deleted.',
      retried: 'The conversion is queued again.',
      downloading: 'Preparing the download…',
      statusNow: 'Conversion of “{name}”: {status}.',
      previewTitle: 'Preview of the converted file',
      previewNote_one: 'First row of {total}',
      previewNote_other: 'First {n} of {total} rows',
      previewEmpty: 'The converted file has no rows.',
      previewScrollHint: 'Swipe the table sideways to see the other columns →',
      manageJob: 'Manage conversion',
      reportLoading: 'Loading the report…',
      statTotal: 'Rows read',
      statWritten: 'Contacts in the file',
      statWrittenNote: 'ready to import',
      statEmail: 'With email',
      statPhone: 'With phone',
      qualityTitle: 'Data quality',
      q_ninth_one: 'mobile given the missing 9th digit',
      q_ninth_other: 'mobiles given the missing 9th digit',
      q_duplicates_one: 'duplicate merged',
      q_duplicates_other: 'duplicates merged',
      q_invalidEmails_one: 'invalid email removed',
      q_invalidEmails_other: 'invalid emails removed',
      q_invalidPhones_one: 'invalid phone removed',
      q_invalidPhones_other: 'invalid phones removed',
      q_invalidDates_one: 'invalid date',
      q_invalidDates_other: 'invalid dates',
      q_rejected_one: 'row rejected',
      q_rejected_other: 'rows rejected',
      q_empty_one: 'empty row skipped',
      q_empty_other: 'empty rows skipped',
      fillTitle: 'Fill rate per column',
      fillNote: '% of contacts with a value',
      phonesTitle: 'Phones by country',
      phonesNone: 'No valid phones.',
      reasonsTitle: 'Why rows were rejected',
      reason_missing_name_email_phone: 'No name, email or phone',
      reason_invalid_email: 'Invalid email',
      reason_invalid_phone: 'Invalid phone',
      mappingTitle: 'Recognised columns',
      mappingSource: 'In your spreadsheet',
      mappingTarget: 'In GHL',
      mappingNone: 'No column was recognised.',
      unmappedTitle: 'Ignored columns',
      unmappedNote: 'They match no GHL field.',
      fileTitle: 'About the file',
      f_format: 'Format',
      f_encoding: 'Encoding',
      f_delimiter: 'Delimiter',
      f_sheet: 'Sheet',
      f_sheetOf: '{sheet} (of {n})',
      f_header: 'Header on row',
      f_country: 'Default country',
      f_seconds: 'Time',
      f_secondsValue: '{s} s',
      delim_comma: 'comma',
      delim_semicolon: 'semicolon',
      delim_tab: 'tab',
      delim_pipe: 'pipe',
      footerNote: 'Your files stay yours. Delete them whenever you like.',
      authSignInTitle: 'Sign in to your account',
      authSignUpTitle: 'Create your account',
      authSignInLead: 'Your conversions are kept in your account. Only you can see them.',
      authSignUpLead: 'All it takes is an email and a password. Your conversions are kept in the account.',
      authEmail: 'Email',
      authEmailPh: 'you@company.com',
      authPassword: 'Password',
      authPasswordHelp: 'At least 10 characters.',
      authSubmitSignIn: 'Sign in',
      authSubmitSignUp: 'Create account',
      authBusySignIn: 'Signing in…',
      authBusySignUp: 'Creating the account…',
      authToSignUpPrompt: 'No account yet?',
      authToSignUp: 'Create one',
      authToSignInPrompt: 'Already have an account?',
      authToSignIn: 'Sign in',
      authForgot: 'Forgot my password',
      authForgotTitle: 'Forgot your password?',
      authForgotLead: "Enter your account's email. We will send you a link to create a new password.",
      authSubmitForgot: 'Send link',
      authBusyForgot: 'Sending…',
      authForgotBackPrompt: 'Remembered it?',
      authResetTitle: 'Create a new password',
      authResetLead: 'Choose the new password of your account, then sign in with it.',
      authNewPassword: 'New password',
      authSubmitReset: 'Save new password',
      authBusyReset: 'Saving…',
      authShowPassword: 'Show',
      authHidePassword: 'Hide',
      authShowPasswordLabel: 'Show the password',
      authHidePasswordLabel: 'Hide the password',
      resetSent: 'If an account has this email, we sent it a link to create a new password. It works for a short time, once.',
      resetDone: 'Password changed. Sign in with the new password.',
      signOut: 'Sign out',
      signedInAs: 'Signed in as {email}',
      signedIn: 'You are signed in as {email}.',
      signedOut: 'You have signed out.',
      sessionExpired: 'Your session expired. Sign in again.',
      err_password_required: 'The password is required.',
      err_email_required: 'The email is required.',
      chooseFile: 'Choose a file first.',
      badExtension: 'File type not accepted: “{name}”.',
      badExtensionDetail: 'Upload an XLSX, XLS, CSV, TSV or TXT spreadsheet.',
      fileSelected: 'File chosen: {name}',
      err_network: 'Cannot reach the server. Check your connection and try again.',
      err_unknown: 'The operation could not be completed.',
      err_status_400: 'The request is not valid.',
      err_status_401: 'Your session expired. Sign in again.',
      err_status_403: 'You are not allowed to do that.',
      err_status_404: 'Not found.',
      err_status_409: 'That is not possible in the current state.',
      err_status_413: 'The file is too large.',
      err_status_415: 'File type not accepted.',
      err_status_422: 'This file cannot be used.',
      err_status_429: 'Too many requests in a short time. Try again in a moment.',
      err_status_5xx: 'The service is having trouble. Try again in a moment.',
    },
    es: {
      downloadExcel: 'CSV para Excel',
      downloadIssues: 'Descargar celdas quitadas',
      nextStep: 'Siguiente paso en GHL: Contactos → Importar contactos → suba el CSV y revise las columnas.',
      nextStepZip: 'Siguiente paso en GHL: descomprima el ZIP y, en Contactos → Importar contactos, suba cada parte (hasta 10.000 contactos cada una).',
      issuesTitle: 'Celdas quitadas o corregidas',
      issuesNote: '{n} celdas. Sus valores originales quedan aquí y en «Descargar celdas quitadas».',
      issuesFilter: 'Motivo',
      issuesAll: 'Todos los motivos ({n})',
      issuesRow: 'Fila',
      issuesColumn: 'Columna',
      issuesValue: 'Valor original',
      issuesReason: 'Motivo',
      issuesSuggestion: 'Sugerencia',
      issue_invalid_email: 'Correo no válido',
      issue_email_domain_typo: 'Error de escritura en el dominio del correo',
      issue_invalid_phone: 'Teléfono no válido',
      issue_phone_scientific_notation: 'Teléfono en notación científica',
      issue_invalid_date: 'Fecha no válida',
      issue_invalid_timezone: 'Zona horaria desconocida',
      issue_excel_error: 'Valor de error de la hoja',
      issue_notes_too_long: 'Notas recortadas',
      issue_cell_too_long: 'Celda recortada',
      failedAttempts: 'Intentos: {n}.',
      failedFinal: 'Intentarlo de nuevo no servirá: corrija el archivo y súbalo otra vez.',
      authForgot: 'Olvidé mi contraseña',
      authForgotTitle: '¿Olvidó su contraseña?',
      authForgotLead: 'Escriba el correo de su cuenta. Le enviaremos un enlace para crear una contraseña nueva.',
      authSubmitForgot: 'Enviar enlace',
      authBusyForgot: 'Enviando…',
      authForgotBackPrompt: '¿Recordó la contraseña?',
      authResetTitle: 'Cree una contraseña nueva',
      authResetLead: 'Elija la nueva contraseña de su cuenta. Después, entre con ella.',
      authNewPassword: 'Contraseña nueva',
      authSubmitReset: 'Guardar contraseña nueva',
      authBusyReset: 'Guardando…',
      authShowPassword: 'Mostrar',
      authHidePassword: 'Ocultar',
      authShowPasswordLabel: 'Mostrar la contraseña',
      authHidePasswordLabel: 'Ocultar la contraseña',
      resetSent: 'Si hay una cuenta con ese correo, le enviamos un enlace para crear una contraseña nueva. Vale por poco tiempo y solo se puede usar una vez.',
      resetDone: 'Contraseña cambiada. Entre con la nueva contraseña.',
      err_email_required: 'El correo es obligatorio.',
      htmlLang: 'es',
      locale: 'es',
      docTitle: 'GHL Data — hojas de cálculo listas para GoHighLevel',
      langLabel: 'Idioma',
      skip: 'Saltar al contenido',
      nav: 'Principal',
      apiDocs: 'API',
      dismiss: 'Cerrar aviso',
      heroTitle: 'Tu hoja de contactos, lista para GoHighLevel',
      heroLead: 'Envía XLSX, XLS o CSV tal como esté. Corregimos teléfonos, correos, nombres y columnas, y te entregamos el CSV que GHL importa sin errores.',
      uploadTitle: 'Nueva conversión',
      dropTitle: 'Arrastra tu hoja de cálculo aquí',
      dropSub: 'o haz clic para elegir un archivo',
      dropHint: 'XLSX, XLS, CSV, TSV o TXT',
      optionsLegend: 'Opciones',
      optCountry: 'País predeterminado de los teléfonos',
      optCountryHelp: 'Se usa cuando el número no trae el código de país.',
      optTag: 'Etiqueta de la importación',
      optTagPh: 'p. ej.: feria-2025',
      optSource: 'Origen (Source)',
      optSourcePh: 'p. ej.: hoja del evento',
      optSheet: 'Hoja del libro',
      sheetReading: 'Leyendo las hojas del libro…',
      sheetColumns: 'Columnas de la hoja {sheet}: {columns}',
      sheetPickAnother: 'Esta hoja no tiene contactos que se puedan convertir: elige otra.',
      dropLimit: 'Hasta {limit} por archivo',
      tooLargeTitle: 'Archivo demasiado grande',
      tooLargeDetail: '{name} pesa {size}, y este servidor acepta hasta {limit}. Envía solo las columnas de contacto o divide las filas en archivos más pequeños; si alojas GHL Data tú mismo, aumenta MAX_UPLOAD_MB.',
      convert: 'Convertir hoja de cálculo',
      uploading: 'Enviando…',
      uploadProcessing: 'Archivo enviado, creando la conversión…',
      uploadDone: 'Archivo enviado. La conversión comenzó.',
      jobsTitle: 'Conversiones recientes',
      filterLabel: 'Filtrar por estado',
      filterAll: 'Todas',
      refresh: 'Actualizar lista',
      loadMore: 'Cargar más',
      emptyTitle: 'Aún no hay conversiones',
      emptyText: 'Envía tu primera hoja de cálculo. Aparece aquí con su avance y su informe.',
      emptyFiltered: 'Ninguna conversión con ese estado.',
      jobsCount: 'Mostrando {shown} de {total}',
      status_queued: 'En cola',
      status_processing: 'Convirtiendo',
      status_done: 'Terminada',
      status_failed: 'Falló',
      contacts: '{n} contactos',
      contactsOne: '1 contacto',
      rowsRead_one: '{n} fila leída',
      rowsRead_other: '{n} filas leídas',
      waiting: 'esperando',
      detailEyebrow: 'Conversión',
      metaCreated: 'Enviada el {date}',
      metaCountry: 'país {country}',
      metaTag: 'etiqueta “{tag}”',
      progressQueued: 'En cola. La conversión empieza en unos instantes.',
      progressProcessing_one: '{n} fila procesada…',
      progressProcessing_other: '{n} filas procesadas…',
      progressStarting: 'Leyendo el archivo…',
      progressAttempt: 'intento {n}',
      failedTitle: 'La conversión falló',
      actions: 'Acciones',
      downloadCsv: 'Descargar CSV para GHL',
      downloadZip: 'Descargar en partes (ZIP)',
      downloadRejects: 'Descargar rechazados',
      retry: 'Reintentar',
      delete: 'Eliminar',
      zipHelp: 'El ZIP trae archivos de hasta 10.000 filas, para cuentas de GHL que rechazan archivos grandes.',
      confirmDeleteTitle: '¿Eliminar esta conversión?',
      confirmDeleteText: '“{name}” y todos los archivos generados se borrarán. Esto no se puede deshacer.',
      confirmDelete: 'Eliminar',
      cancel: 'Cancelar',
      deleted: 'Conversión eliminada.',
      retried: 'La conversión volvió a la cola.',
      downloading: 'Preparando la descarga…',
      statusNow: 'Conversión de “{name}”: {status}.',
      previewTitle: 'Vista previa del archivo generado',
      previewNote_one: 'Primera fila de {total}',
      previewNote_other: 'Primeras {n} filas de {total}',
      previewEmpty: 'El archivo generado no tiene filas.',
      previewScrollHint: 'Desliza la tabla hacia un lado para ver las otras columnas →',
      manageJob: 'Gestionar conversión',
      reportLoading: 'Cargando el informe…',
      statTotal: 'Filas leídas',
      statWritten: 'Contactos en el archivo',
      statWrittenNote: 'listos para importar',
      statEmail: 'Con correo',
      statPhone: 'Con teléfono',
      qualityTitle: 'Calidad de los datos',
      q_ninth_one: 'celular con el 9.º dígito corregido',
      q_ninth_other: 'celulares con el 9.º dígito corregido',
      q_duplicates_one: 'duplicado combinado',
      q_duplicates_other: 'duplicados combinados',
      q_invalidEmails_one: 'correo no válido eliminado',
      q_invalidEmails_other: 'correos no válidos eliminados',
      q_invalidPhones_one: 'teléfono no válido eliminado',
      q_invalidPhones_other: 'teléfonos no válidos eliminados',
      q_invalidDates_one: 'fecha no válida',
      q_invalidDates_other: 'fechas no válidas',
      q_rejected_one: 'fila rechazada',
      q_rejected_other: 'filas rechazadas',
      q_empty_one: 'fila vacía omitida',
      q_empty_other: 'filas vacías omitidas',
      fillTitle: 'Relleno por columna',
      fillNote: '% de los contactos con valor',
      phonesTitle: 'Teléfonos por país',
      phonesNone: 'Ningún teléfono válido.',
      reasonsTitle: 'Motivos de rechazo',
      reason_missing_name_email_phone: 'Sin nombre, correo ni teléfono',
      reason_invalid_email: 'Correo no válido',
      reason_invalid_phone: 'Teléfono no válido',
      mappingTitle: 'Columnas reconocidas',
      mappingSource: 'En tu hoja',
      mappingTarget: 'En GHL',
      mappingNone: 'No se reconoció ninguna columna.',
      unmappedTitle: 'Columnas ignoradas',
      unmappedNote: 'No corresponden a ningún campo de GHL.',
      fileTitle: 'Sobre el archivo',
      f_format: 'Formato',
      f_encoding: 'Codificación',
      f_delimiter: 'Separador',
      f_sheet: 'Hoja',
      f_sheetOf: '{sheet} (de {n})',
      f_header: 'Encabezado en la fila',
      f_country: 'País predeterminado',
      f_seconds: 'Tiempo',
      f_secondsValue: '{s} s',
      delim_comma: 'coma',
      delim_semicolon: 'punto y coma',
      delim_tab: 'tabulación',
      delim_pipe: 'barra vertical',
      footerNote: 'Tus archivos son solo tuyos. Elimínalos cuando quieras.',
      authSignInTitle: 'Inicia sesión en tu cuenta',
      authSignUpTitle: 'Crea tu cuenta',
      authSignInLead: 'Tus conversiones se guardan en tu cuenta. Solo tú las ves.',
      authSignUpLead: 'Solo necesitamos un correo y una contraseña. Tus conversiones se guardan en la cuenta.',
      authEmail: 'Correo electrónico',
      authEmailPh: 'tu@empresa.com',
      authPassword: 'Contraseña',
      authPasswordHelp: 'Al menos 10 caracteres.',
      authSubmitSignIn: 'Iniciar sesión',
      authSubmitSignUp: 'Crear cuenta',
      authBusySignIn: 'Iniciando sesión…',
      authBusySignUp: 'Creando la cuenta…',
      authToSignUpPrompt: '¿Aún no tienes cuenta?',
      authToSignUp: 'Crear una cuenta',
      authToSignInPrompt: '¿Ya tienes cuenta?',
      authToSignIn: 'Iniciar sesión',
      signOut: 'Salir',
      signedInAs: 'Conectado como {email}',
      signedIn: 'Iniciaste sesión como {email}.',
      signedOut: 'Cerraste la sesión.',
      sessionExpired: 'Tu sesión caducó. Inicia sesión de nuevo.',
      err_password_required: 'Escribe tu contraseña.',
      chooseFile: 'Elige un archivo primero.',
      badExtension: 'Tipo de archivo no aceptado: “{name}”.',
      badExtensionDetail: 'Envía una hoja XLSX, XLS, CSV, TSV o TXT.',
      fileSelected: 'Archivo elegido: {name}',
      err_network: 'Sin conexión con el servidor. Revisa tu internet e inténtalo de nuevo.',
      err_unknown: 'No se pudo completar la operación.',
      err_status_400: 'La solicitud no es válida.',
      err_status_401: 'Tu sesión caducó. Inicia sesión de nuevo.',
      err_status_403: 'No tienes permiso para hacer esto.',
      err_status_404: 'No encontrado.',
      err_status_409: 'La operación no es posible en el estado actual.',
      err_status_413: 'El archivo es demasiado grande.',
      err_status_415: 'Tipo de archivo no aceptado.',
      err_status_422: 'No se puede usar ese archivo.',
      err_status_429: 'Demasiadas solicitudes en poco tiempo. Inténtalo de nuevo en unos instantes.',
      err_status_5xx: 'El servicio tiene problemas. Inténtalo de nuevo en unos instantes.',
    },
  };

  const REPORT_ICONS = {
    ninth: 'M7 3h10v18H7zM11 18h2M15 8l-4 4-2-2',
    duplicates: 'M8 8h11v11H8zM5 16V5h11',
    invalidEmails: 'M3 6h18v12H3zM3 7l9 6 9-6M16 15l4 4M20 15l-4 4',
    invalidPhones: 'M6 3h4l2 5-2.5 1.5a11 11 0 0 0 5 5L16 12l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2ZM15 3l6 6M21 3l-6 6',
    invalidDates: 'M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M10 13l4 4M14 13l-4 4',
    rejected: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM5.6 5.6l12.8 12.8',
    empty: 'M5 5h14v14H5zM5 10h14M5 15h14',
  };

  // ---------------------------------------------------------------- state

  const state = {
    lang: readLang(),
    // Who is signed in ({ id, email }), null when signed out; sessionKnown stays false until GET /me answers.
    user: null,
    sessionKnown: false,
    // Bumped on every sign-in and sign-out, so an answer to a request of the previous session is dropped.
    session: 0,
    authMode: 'signin',
    authBusy: false,
    resetToken: null,
    passwordShown: false,
    authError: null,
    authNotice: null,
    announceTimer: 0,
    uploadXhr: null,
    file: null,
    // The server's upload limit in bytes (GET /config); null until known, and then the server checks alone.
    maxUploadBytes: null,
    // The chosen workbook's sheets ({ names, chosen, columns, busy, unusable }), null for a text file.
    sheets: null,
    inspectSeq: 0,
    uploading: false,
    jobs: [],
    total: 0,
    filter: '',
    listTimer: 0,
    listLoaded: false,
    selectedId: null,
    job: null,
    report: null,
    issues: null,
    preview: null,
    tracker: null,
    resultsFor: null,
    banner: null,
    // Message catalogues by language (code + parameters → words), fetched once each.
    messages: {},
  };

  const $ = (id) => document.getElementById(id);

  function readLang() {
    try {
      const saved = window.localStorage.getItem(LANG_KEY);
      return LANGS.includes(saved) ? saved : 'pt';
    } catch (e) {
      return 'pt';
    }
  }

  function t(key, vars) {
    const dict = I18N[state.lang];
    let text = key in dict ? dict[key] : (key in I18N.pt ? I18N.pt[key] : key);
    if (vars) {
      text = text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
    }
    return text;
  }

  /**
   * The word form for a count: key_one or key_other, as Intl.PluralRules says for the page's
   * language; {n} is the count, formatted. Zero reads plural ("0 linhas"), as people say it,
   * though CLDR files it under "one" for Portuguese.
   */
  function tp(key, count, vars) {
    const n = Number(count) || 0;
    const form = n === 0 ? 'other' : new Intl.PluralRules(locale()).select(n);
    const wanted = key + '_' + form;
    return t(wanted in I18N.pt ? wanted : key + '_other', Object.assign({ n: fmtInt(n) }, vars || {}));
  }

  /** Builds an element; string children become text nodes, so nothing is ever parsed as HTML. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [name, value] of Object.entries(props)) {
        if (value === null || value === undefined || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name === 'text') node.textContent = value;
        else node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function icon(path, size) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', String(size || 18));
    svg.setAttribute('height', String(size || 18));
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', path);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', 'currentColor');
    p.setAttribute('stroke-width', '1.8');
    p.setAttribute('stroke-linecap', 'round');
    p.setAttribute('stroke-linejoin', 'round');
    svg.append(p);
    return svg;
  }

  // ---------------------------------------------------------------- formatting

  function locale() {
    return t('locale');
  }

  function fmtInt(n) {
    return new Intl.NumberFormat(locale()).format(Number(n) || 0);
  }

  function fmtPct(n) {
    return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(clampPct(n)) + '%';
  }

  function clampPct(n) {
    const x = Number(n);
    return Number.isFinite(x) ? Math.min(100, Math.max(0, x)) : 0;
  }

  function fmtBytes(bytes) {
    const n = Number(bytes) || 0;
    const nf = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 });
    if (n < 1024) return nf.format(n) + ' B';
    if (n < 1024 * 1024) return nf.format(n / 1024) + ' KB';
    return nf.format(n / (1024 * 1024)) + ' MB';
  }

  function fmtDate(iso) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(d);
  }

  function countryName(code) {
    try {
      return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) || code;
    } catch (e) {
      return code;
    }
  }

  function extensionOf(name) {
    const m = /\.([A-Za-z0-9]+)$/.exec(name || '');
    return m ? m[1].toLowerCase() : '';
  }

  function baseName(name) {
    return (name || 'contatos').replace(/\.[A-Za-z0-9]+$/, '') || 'contatos';
  }

  function statusLabel(status) {
    return t('status_' + status);
  }

  // ---------------------------------------------------------------- errors

  class ApiError extends Error {
    constructor(problem) {
      super(problem.detail || problem.title || problem.code || 'error');
      this.problem = problem;
    }
  }

  /** The answer to a request made in a session that has since ended: nobody wants it any more. */
  const staleProblem = () => ({ code: 'stale', status: 0, stale: true });

  function problemFromText(status, contentType, body, retryAfter) {
    let problem = {};
    if (body && /json/i.test(contentType || '')) {
      try {
        const parsed = JSON.parse(body);
        if (parsed && typeof parsed === 'object') problem = parsed;
      } catch (e) {
        // Not JSON after all: keep the status-based message.
      }
    }
    problem.status = typeof problem.status === 'number' ? problem.status : status;
    if (retryAfter && /^\d+$/.test(retryAfter.trim())) problem.retryAfter = Number(retryAfter.trim());
    return problem;
  }

  async function problemFromResponse(res) {
    let body = '';
    try {
      body = await res.text();
    } catch (e) {
      body = '';
    }
    return problemFromText(res.status, res.headers.get('Content-Type'), body, res.headers.get('Retry-After'));
  }

  /** The page language's message catalogue, or null while it loads (or if it cannot). */
  function catalogue() {
    const c = state.messages[state.lang];
    return c && typeof c === 'object' ? c : null;
  }

  /** Fetches the catalogue of the page's language once; the page is redrawn with it. */
  function loadMessages() {
    const lang = state.lang;
    if (lang in state.messages) return;
    state.messages[lang] = 'loading';
    fetch('/i18n/' + I18N[lang].htmlLang + '.json', { credentials: 'same-origin' })
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error('catalogue ' + res.status))))
      .then((messages) => {
        state.messages[lang] = messages;
        if (state.lang === lang) {
          renderBanner();
          renderDetail();
          renderAuth();
        }
      })
      .catch((e) => {
        // Without it, problems read as the server worded them (in the language asked for).
        console.error(e);
        delete state.messages[lang];
      });
  }

  function fmtParam(value) {
    if (typeof value === 'number') return fmtInt(value);
    if (Array.isArray(value)) return value.map(String).join(', ');
    return String(value);
  }

  /**
   * A problem or a job's error in the page's language, from its code, variant and parameters (the
   * members its message names) through the catalogue; title or detail null when it has no words.
   */
  function catalogueWords(problem) {
    const messages = catalogue();
    const code = typeof problem.code === 'string' ? problem.code : '';
    if (!messages || !code) return { title: null, detail: null };
    const variant = typeof problem.variant === 'string' ? problem.variant : '';
    const template = (variant && messages['detail.' + code + '.' + variant]) || messages['detail.' + code];
    const params = {};
    for (const [name, value] of Object.entries(problem)) {
      if (!PROBLEM_MEMBERS.has(name) && value !== null && value !== undefined) params[name] = value;
    }
    const detail = typeof template === 'string'
      ? template.replace(/\{([a-z_]+)\}/g, (m, name) => (name in params ? fmtParam(params[name]) : m))
      : null;
    const title = typeof messages['title.' + code] === 'string' ? messages['title.' + code] : null;
    return { title, detail };
  }

  /**
   * A problem's headline and sentence in the page's language: the catalogue's words for its code,
   * variant and parameters; else the UI's own words (checks made in the browser, network) or the
   * server's, which it gave in the language the request asked for; else per status.
   */
  function describeProblem(problem) {
    const code = typeof problem.code === 'string' ? problem.code : '';
    const words = catalogueWords(problem);
    let title = words.title;
    if (!title && code && ('err_' + code) in I18N.pt) title = t('err_' + code);
    if (!title && typeof problem.title === 'string' && problem.title.trim()) title = problem.title;
    if (!title && problem.status >= 500) title = t('err_status_5xx');
    if (!title && ('err_status_' + problem.status) in I18N.pt) title = t('err_status_' + problem.status);
    if (!title) title = t('err_unknown');
    let detail = words.detail;
    if (!detail && typeof problem.detail === 'string') detail = problem.detail;
    return { title, detail: detail && detail !== title ? detail : '' };
  }

  /**
   * Shows a problem (an ApiError, a problem object or a programming error) in the banner. A 401
   * is not shown: it has already sent the user back to the sign-in panel, which says why.
   */
  function showError(errorOrProblem) {
    let problem;
    if (errorOrProblem instanceof ApiError) {
      problem = errorOrProblem.problem;
    } else if (errorOrProblem && typeof errorOrProblem.code === 'string') {
      problem = errorOrProblem;
    } else {
      console.error(errorOrProblem);
      problem = { code: 'unknown' };
    }
    if (problem.stale || problem.status === 401) return;
    state.banner = { problem };
    renderBanner();
  }

  /** Shows a message of the UI's own (client-side checks), by dictionary key. */
  function showMessage(code, titleKey, detailKey, vars) {
    state.banner = { code, titleKey, detailKey, vars };
    renderBanner();
  }

  function renderBanner() {
    const banner = $('error-banner');
    const b = state.banner;
    if (!b) {
      banner.hidden = true;
      banner.dataset.code = '';
      $('error-title').textContent = '';
      $('error-detail').textContent = '';
      return;
    }
    let title;
    let detail;
    if (b.problem) {
      ({ title, detail } = describeProblem(b.problem));
    } else {
      title = t(b.titleKey, b.vars);
      detail = b.detailKey ? t(b.detailKey, b.vars) : '';
    }
    $('error-title').textContent = title;
    $('error-detail').textContent = detail;
    banner.dataset.code = (b.problem ? b.problem.code : b.code) || '';
    banner.hidden = false;
  }

  function clearError() {
    state.banner = null;
    renderBanner();
  }

  function announce(text) {
    const region = $('sr-status');
    region.textContent = '';
    window.clearTimeout(state.announceTimer);
    state.announceTimer = window.setTimeout(() => { region.textContent = text; }, 50);
  }

  // ---------------------------------------------------------------- HTTP

  /** One JSON call; the session cookie goes along by itself (same origin). */
  async function request(path, options) {
    let res;
    try {
      const opts = options || {};
      res = await fetch(path, Object.assign({ credentials: 'same-origin' }, opts, {
        headers: Object.assign({ Accept: 'application/json' }, opts.headers || {}, { 'Accept-Language': t('htmlLang') }),
      }));
    } catch (e) {
      throw new ApiError({ code: 'network', status: 0 });
    }
    if (!res.ok) throw new ApiError(await problemFromResponse(res));
    if (res.status === 204) return null;
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }

  /**
   * A call of the signed-in app: a 401 means the session ended (expired, or signed out in another
   * tab), so it sends the user back to sign in; an answer that outlived its session is dropped.
   */
  async function api(path, options) {
    const session = state.session;
    let body;
    try {
      body = await request(path, options);
    } catch (e) {
      if (session !== state.session) throw new ApiError(staleProblem());
      if (e instanceof ApiError && e.problem.status === 401) sessionExpired();
      throw e;
    }
    if (session !== state.session) throw new ApiError(staleProblem());
    return body;
  }

  function postJson(path, body) {
    return request(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  const jobUrl = (id, suffix) => '/jobs/' + encodeURIComponent(id) + (suffix || '');
  /** The server's texts (issues, files for Excel) in the language of the page. */
  const serverLang = () => (state.lang === 'pt' ? 'pt-BR' : state.lang);
  const ISSUES_PAGE = 50;

  // ---------------------------------------------------------------- i18n application

  function applyLanguage() {
    const dict = I18N[state.lang];
    document.documentElement.lang = dict.htmlLang;
    document.title = dict.docTitle;
    document.querySelectorAll('[data-i18n]').forEach((node) => {
      node.textContent = t(node.dataset.i18n);
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
      node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
    });
    document.querySelectorAll('[data-i18n-aria-label]').forEach((node) => {
      node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
    });
    $('lang-select').value = state.lang;
    $('lang-select').setAttribute('aria-label', dict.langLabel);
    loadMessages();
    for (const option of $('opt-country').options) {
      option.textContent = countryName(option.value);
    }
    renderChosenFile();
    renderSheetPicker();
    renderJobs();
    renderDetail();
    renderBanner();
    renderSession();
  }

  function setLanguage(lang) {
    state.lang = lang;
    try {
      window.localStorage.setItem(LANG_KEY, lang);
    } catch (e) {
      // Private mode: the choice lasts for this page only.
    }
    applyLanguage();
    // The issues' reasons and advice come from the server, in the language asked for.
    if (state.issues && state.selectedId) loadIssues(state.selectedId, state.issues.reason, 0);
  }

  // ---------------------------------------------------------------- upload

  function setFile(file) {
    clearError();
    forgetSheets();
    if (!file) {
      state.file = null;
      renderChosenFile();
      return;
    }
    if (!ACCEPTED.includes(extensionOf(file.name))) {
      state.file = null;
      $('file-input').value = '';
      renderChosenFile();
      showMessage('bad_extension', 'badExtension', 'badExtensionDetail', { name: file.name });
      return;
    }
    if (refuseIfTooLarge(file)) return;
    state.file = file;
    renderChosenFile();
    announce(t('fileSelected', { name: file.name }));
    if (WORKBOOKS.includes(extensionOf(file.name))) inspectFile(file, null);
  }

  /** The server's upload limit, so a file over it is refused here instead of after it is sent. */
  async function loadConfig() {
    try {
      const config = await request('/config');
      const bytes = Number(config && config.max_upload_bytes);
      state.maxUploadBytes = Number.isFinite(bytes) && bytes > 0 ? bytes : null;
    } catch (e) {
      // Unknown: the server's own 413 still names the limit.
      state.maxUploadBytes = null;
    }
    renderChosenFile();
  }

  /** True (and says why) when a file is over the server's upload limit: nothing of it is sent. */
  function refuseIfTooLarge(file) {
    if (state.maxUploadBytes === null || file.size <= state.maxUploadBytes) return false;
    state.file = null;
    $('file-input').value = '';
    renderChosenFile();
    showMessage('payload_too_large', 'tooLargeTitle', 'tooLargeDetail',
      { name: file.name, size: fmtBytes(file.size), limit: fmtBytes(state.maxUploadBytes) });
    return true;
  }

  function forgetSheets() {
    state.inspectSeq += 1;
    state.sheets = null;
    renderSheetPicker();
  }

  /**
   * Asks the server what a job of this workbook would read (POST /jobs/inspect: nothing stored), to
   * offer its sheets as a picker; with a sheet, checks that one and shows the columns found there.
   */
  async function inspectFile(file, sheet) {
    const seq = ++state.inspectSeq;
    const names = state.sheets ? state.sheets.names : [];
    state.sheets = { names, chosen: sheet || '', columns: null, busy: true, unusable: false };
    renderSheetPicker();
    const form = new FormData();
    form.append('file', file, file.name);
    if (sheet) form.append('sheet', sheet);
    try {
      const found = await api('/jobs/inspect', { method: 'POST', body: form });
      if (seq !== state.inspectSeq) return;
      state.sheets = {
        names: Array.isArray(found && found.sheets) ? found.sheets.map(String) : [],
        chosen: found && typeof found.sheet === 'string' ? found.sheet : '',
        columns: Array.isArray(found && found.header) ? found.header.map(String).filter((c) => c.trim()) : [],
        busy: false,
        unusable: false,
      };
    } catch (e) {
      if (seq !== state.inspectSeq) return;
      const problem = (e && e.problem) || {};
      const sheets = Array.isArray(problem.sheets) ? problem.sheets.map(String) : [];
      if (sheets.length > 1) {
        // This sheet cannot be used, but another may: the picker stays, with the reason above it.
        state.sheets = { names: sheets, chosen: String(problem.sheet || sheet || ''), columns: null, busy: false, unusable: true };
        showError(e);
      } else {
        state.sheets = null;
        if (problem.status >= 400 && problem.status < 500 && ![401, 429].includes(problem.status)) {
          // The upload would be refused the same way: say so now, and let another file be chosen.
          state.file = null;
          $('file-input').value = '';
          renderChosenFile();
          showError(e);
        }
        // Network, rate limit or server trouble: the upload itself will say, if it comes to that.
      }
    }
    renderSheetPicker();
  }

  /** A workbook of two or more sheets gets a picker; the columns found in the chosen one show under it. */
  function renderSheetPicker() {
    const s = state.sheets;
    const field = $('sheet-field');
    const select = $('opt-sheet');
    const help = $('opt-sheet-help');
    if (!s || s.names.length < 2) {
      field.hidden = true;
      select.replaceChildren();
      help.textContent = '';
      return;
    }
    if (select.options.length !== s.names.length || s.names.some((n, i) => select.options[i].value !== n)) {
      select.replaceChildren(...s.names.map((n) => el('option', { value: n, text: n })));
    }
    const chosen = s.names.find((n) => n.toLowerCase() === s.chosen.toLowerCase());
    if (chosen !== undefined) select.value = chosen;
    const shown = s.columns ? s.columns.slice(0, 8).join(', ') + (s.columns.length > 8 ? ', …' : '') : '';
    help.textContent = s.busy ? t('sheetReading') : s.unusable ? t('sheetPickAnother')
      : shown ? t('sheetColumns', { sheet: select.value, columns: shown }) : '';
    field.dataset.state = s.busy ? 'busy' : (s.unusable ? 'unusable' : 'ready');
    field.hidden = false;
  }

  function renderChosenFile() {
    const chosen = $('file-chosen');
    const zone = $('drop-zone');
    if (state.file) {
      $('file-chosen-name').textContent = state.file.name;
      $('file-chosen-size').textContent = fmtBytes(state.file.size);
      chosen.hidden = false;
      zone.classList.add('has-file');
    } else {
      chosen.hidden = true;
      zone.classList.remove('has-file');
    }
    const limit = $('drop-limit');
    limit.textContent = state.maxUploadBytes ? t('dropLimit', { limit: fmtBytes(state.maxUploadBytes) }) : '';
    limit.hidden = !state.maxUploadBytes;
    $('upload-button').disabled = !state.file || state.uploading;
  }

  function setUploadProgress(pct, label) {
    const value = Math.round(clampPct(pct));
    $('upload-progress').hidden = false;
    $('upload-progress-fill').style.width = value + '%';
    $('upload-progress-value').textContent = value + '%';
    $('upload-progress-bar').setAttribute('aria-valuenow', String(value));
    if (label) $('upload-progress-label').textContent = label;
  }

  function setUploading(on) {
    state.uploading = on;
    $('upload-form').setAttribute('aria-busy', on ? 'true' : 'false');
    for (const id of ['file-input', 'opt-country', 'opt-tag', 'opt-source', 'opt-sheet']) {
      $(id).disabled = on;
    }
    renderChosenFile();
  }

  function upload() {
    if (state.uploading) return;
    if (!state.file) {
      showMessage('no_file', 'chooseFile');
      return;
    }
    if (refuseIfTooLarge(state.file)) return;
    clearError();
    const form = new FormData();
    form.append('file', state.file, state.file.name);
    form.append('country', $('opt-country').value || 'BR');
    for (const [field, id] of [['tag', 'opt-tag'], ['source', 'opt-source']]) {
      const value = $(id).value.trim();
      if (value) form.append(field, value);
    }
    if (state.sheets && state.sheets.names.length > 1 && $('opt-sheet').value) form.append('sheet', $('opt-sheet').value);

    const xhr = new XMLHttpRequest();
    state.uploadXhr = xhr;
    xhr.open('POST', '/jobs');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', t('htmlLang'));
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) setUploadProgress((e.loaded / e.total) * 100, t('uploading'));
    };
    xhr.upload.onload = () => setUploadProgress(100, t('uploadProcessing'));
    xhr.onload = () => {
      if (state.uploadXhr !== xhr) return;
      state.uploadXhr = null;
      setUploading(false);
      if (xhr.status === 401) {
        sessionExpired();
      } else if (xhr.status >= 200 && xhr.status < 300) {
        let job = null;
        try {
          job = JSON.parse(xhr.responseText);
        } catch (e) {
          job = null;
        }
        finishUpload(job);
      } else {
        $('upload-progress').hidden = true;
        showError(problemFromText(xhr.status, xhr.getResponseHeader('Content-Type'), xhr.responseText,
          xhr.getResponseHeader('Retry-After')));
      }
    };
    xhr.onerror = () => {
      if (state.uploadXhr !== xhr) return;
      state.uploadXhr = null;
      setUploading(false);
      $('upload-progress').hidden = true;
      showError({ code: 'network', status: 0 });
    };
    setUploading(true);
    setUploadProgress(0, t('uploading'));
    xhr.send(form);
  }

  function finishUpload(job) {
    state.file = null;
    $('file-input').value = '';
    forgetSheets();
    renderChosenFile();
    window.setTimeout(() => { $('upload-progress').hidden = true; }, 800);
    announce(t('uploadDone'));
    if (job && job.id) {
      upsertJob(job, true);
      // The result comes to the top (on a phone it is far below the form), its heading focused.
      openJob(job.id, { job, focus: true, scroll: true });
    } else {
      loadJobs();
    }
  }

  // ---------------------------------------------------------------- jobs list

  async function loadJobs(opts) {
    const options = opts || {};
    window.clearTimeout(state.listTimer);
    const list = $('jobs-list');
    const refresh = $('jobs-refresh');
    const offset = options.append ? state.jobs.length : 0;
    const limit = options.append ? PAGE_SIZE : Math.min(100, Math.max(PAGE_SIZE, state.jobs.length));
    const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    if (state.filter) params.set('status', state.filter);
    const session = state.session;
    list.setAttribute('aria-busy', 'true');
    if (!options.silent) refresh.classList.add('spinning');
    try {
      const page = await api('/jobs?' + params.toString());
      const items = Array.isArray(page && page.items) ? page.items : [];
      state.jobs = options.append ? state.jobs.concat(items.filter((j) => !state.jobs.some((x) => x.id === j.id))) : items;
      state.total = Number(page && page.total) || state.jobs.length;
      state.listLoaded = true;
      renderJobs();
    } catch (e) {
      if (!options.silent) showError(e);
    } finally {
      // A list of the previous session must not mark the new session's list as loaded.
      if (session === state.session) {
        list.setAttribute('aria-busy', 'false');
        refresh.classList.remove('spinning');
        scheduleListRefresh();
      }
    }
  }

  /** While a listed job is still running, refresh the list now and then (the open job has its own live feed). */
  function scheduleListRefresh() {
    window.clearTimeout(state.listTimer);
    if (state.jobs.some((j) => !TERMINAL.has(j.status)) && document.visibilityState === 'visible') {
      state.listTimer = window.setTimeout(() => loadJobs({ silent: true }), LIST_REFRESH_MS);
    }
  }

  function upsertJob(job, isNew) {
    const i = state.jobs.findIndex((j) => j.id === job.id);
    if (i >= 0) {
      state.jobs[i] = Object.assign({}, state.jobs[i], job);
    } else if (isNew && (!state.filter || state.filter === job.status)) {
      state.jobs.unshift(job);
      state.total += 1;
      state.listLoaded = true;
    }
    renderJobs();
    scheduleListRefresh();
  }

  function jobSubtitle(job) {
    const parts = [fmtDate(job.created_at)];
    if (job.status === 'done' && job.summary) {
      const n = Number(job.summary.rows_written) || 0;
      parts.push(n === 1 ? t('contactsOne') : t('contacts', { n: fmtInt(n) }));
    } else if (job.status === 'processing') {
      parts.push(tp('rowsRead', job.progress));
    } else {
      parts.push(fmtBytes(job.size_bytes));
    }
    return parts.filter(Boolean).join(' · ');
  }

  function renderJobItem(li, job) {
    const kind = extensionOf(job.filename);
    li.dataset.jobId = job.id;
    li.dataset.status = job.status;
    li.classList.toggle('is-selected', job.id === state.selectedId);
    const button = el('button', {
      class: 'job-button',
      type: 'button',
      'aria-current': job.id === state.selectedId ? 'true' : null,
    },
    el('span', { class: 'job-icon', 'data-kind': kind, 'aria-hidden': 'true', text: (kind || '?').toUpperCase().slice(0, 4) }),
    el('span', { class: 'job-main' },
      el('span', { class: 'job-name', text: job.filename || '—' }),
      el('span', { class: 'job-sub', text: jobSubtitle(job) })),
    el('span', { class: 'badge', 'data-status': job.status, text: statusLabel(job.status) }));
    const hadFocus = li.contains(document.activeElement);
    li.replaceChildren(button);
    if (hadFocus) button.focus();
  }

  function renderJobs() {
    const list = $('jobs-list');
    const existing = new Map();
    for (const li of list.children) existing.set(li.dataset.jobId, li);
    const wanted = state.jobs.map((job) => {
      const li = existing.get(job.id) || el('li', { class: 'job-item' });
      renderJobItem(li, job);
      existing.delete(job.id);
      return li;
    });
    for (const stale of existing.values()) stale.remove();
    wanted.forEach((li, i) => {
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
    });

    const empty = $('jobs-empty');
    empty.hidden = !state.listLoaded || state.jobs.length > 0;
    empty.querySelector('.empty-text').textContent = state.filter ? t('emptyFiltered') : t('emptyText');
    $('jobs-count').textContent = state.jobs.length > 0
      ? t('jobsCount', { shown: fmtInt(state.jobs.length), total: fmtInt(Math.max(state.total, state.jobs.length)) })
      : '';
    $('jobs-more').hidden = state.jobs.length >= state.total;
  }

  // ---------------------------------------------------------------- job detail

  function openJob(id, opts) {
    const options = opts || {};
    if (!UUID.test(id)) {
      showError({ code: 'invalid_id', status: 400 });
      return;
    }
    const changed = state.selectedId !== id;
    state.selectedId = id;
    if (changed) {
      clearError();
      state.report = null;
      state.issues = null;
      state.preview = null;
      state.resultsFor = null;
      state.job = options.job || state.jobs.find((j) => j.id === id) || null;
    }
    if (location.hash !== '#/jobs/' + id) history.pushState(null, '', '#/jobs/' + id);
    $('job-detail').hidden = false;
    renderJobs();
    renderDetail();
    if (options.focus) $('detail-title').focus({ preventScroll: true });
    if (options.focus || options.scroll) $('job-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });

    api(jobUrl(id)).then((job) => {
      if (state.selectedId !== id) return;
      onJobUpdate(job);
      if (!TERMINAL.has(job.status)) track(id);
    }).catch((e) => {
      if (state.selectedId !== id) return;
      if (e.problem && e.problem.status === 404) closeDetail();
      showError(e);
    });
  }

  function closeDetail() {
    stopTracking();
    state.selectedId = null;
    state.job = null;
    state.report = null;
    state.issues = null;
    state.preview = null;
    $('job-detail').hidden = true;
    if (location.hash) history.pushState(null, '', location.pathname + location.search);
    renderJobs();
  }

  /** Applies a new version of a job from any source (SSE, polling, list, actions). */
  function onJobUpdate(job) {
    if (!job || !job.id) return;
    const previous = state.job && state.job.id === job.id ? state.job : state.jobs.find((j) => j.id === job.id);
    upsertJob(job, false);
    if (job.id !== state.selectedId) return;
    const merged = Object.assign({}, state.job || {}, job);
    const statusChanged = !previous || previous.status !== merged.status;
    state.job = merged;
    if (statusChanged && previous) {
      announce(t('statusNow', { name: merged.filename || '', status: statusLabel(merged.status) }));
    }
    if (merged.status === 'done' && !state.report && state.resultsFor !== merged.id) {
      state.resultsFor = merged.id;
      loadResults(merged.id, 0);
    }
    if (merged.status !== 'done') {
      state.report = null;
      state.issues = null;
      state.preview = null;
      state.resultsFor = null;
    }
    renderDetail();
  }

  function track(id) {
    stopTracking();
    const tracker = { id, source: null, timer: 0, stopped: false };
    state.tracker = tracker;
    const finished = (job) => job && TERMINAL.has(job.status);

    const poll = async () => {
      if (tracker.stopped) return;
      try {
        const job = await api(jobUrl(id));
        if (tracker.stopped) return;
        onJobUpdate(job);
        if (finished(job)) {
          stopTracking(tracker);
          return;
        }
      } catch (e) {
        if (tracker.stopped) return;
        if (e.problem && e.problem.status === 404) {
          stopTracking(tracker);
          closeDetail();
          showError(e);
          return;
        }
        // Transient failure: keep polling.
      }
      tracker.timer = window.setTimeout(poll, POLL_MS);
    };

    if (typeof window.EventSource !== 'function') {
      poll();
      return;
    }
    const source = new EventSource(jobUrl(id, '/events'), { withCredentials: true });
    tracker.source = source;
    source.addEventListener('job', (event) => {
      if (tracker.stopped) return;
      let job;
      try {
        job = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      onJobUpdate(job);
      if (finished(job)) stopTracking(tracker);
    });
    source.onerror = () => {
      if (tracker.stopped) return;
      // The stream broke before the job finished (proxy, restart, no SSE): fall back to polling.
      source.close();
      tracker.source = null;
      if (!tracker.timer) tracker.timer = window.setTimeout(poll, 0);
    };
  }

  function stopTracking(which) {
    const tracker = which || state.tracker;
    if (!tracker) return;
    tracker.stopped = true;
    if (tracker.source) tracker.source.close();
    window.clearTimeout(tracker.timer);
    if (state.tracker === tracker) state.tracker = null;
  }

  async function loadResults(id, attempt) {
    try {
      const [report, preview] = await Promise.all([api(jobUrl(id, '/report')), api(jobUrl(id, '/preview'))]);
      if (state.selectedId !== id) return;
      state.report = report || {};
      state.preview = preview || { columns: [], rows: [] };
      state.issues = null;
      renderDetail();
      if (report && report.cell_issues && Object.keys(report.cell_issues).length > 0) loadIssues(id, '', 0);
    } catch (e) {
      if (state.selectedId !== id) return;
      if (e.problem && e.problem.code === 'job_not_ready' && attempt < 5) {
        window.setTimeout(() => loadResults(id, attempt + 1), 1000);
        return;
      }
      state.resultsFor = null;
      showError(e);
    }
  }

  function renderDetail() {
    const job = state.job;
    const detail = $('job-detail');
    if (!state.selectedId) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    detail.dataset.jobId = state.selectedId;
    detail.dataset.status = job ? job.status : '';
    $('detail-title').textContent = job ? (job.filename || '—') : '…';

    const meta = [];
    if (job) {
      meta.push(t('metaCreated', { date: fmtDate(job.created_at) }));
      meta.push(fmtBytes(job.size_bytes));
      const opts = job.options || {};
      if (opts.country) meta.push(t('metaCountry', { country: countryName(opts.country) }));
      if (opts.tag) meta.push(t('metaTag', { tag: opts.tag }));
    }
    $('detail-meta').textContent = meta.join(' · ');

    const badge = $('detail-status');
    badge.dataset.status = job ? job.status : '';
    badge.textContent = job ? statusLabel(job.status) : '';
    badge.hidden = !job;

    const running = job && !TERMINAL.has(job.status);
    $('detail-progress').hidden = !running;
    if (running) {
      let text;
      if (job.status === 'queued') text = t('progressQueued');
      else if (Number(job.progress) > 0) text = tp('progressProcessing', job.progress);
      else text = t('progressStarting');
      if (Number(job.attempts) > 1) text += ' (' + t('progressAttempt', { n: job.attempts }) + ')';
      $('detail-progress-text').textContent = text;
    }

    const failed = job && job.status === 'failed';
    $('detail-error').hidden = !failed;
    if (failed) {
      const error = job.error || {};
      const words = catalogueWords(error);
      const title = words.title || (typeof error.title === 'string' && error.title) || t('failedTitle');
      // Without the catalogue, the server's own sentence: in the language this page asked for, except
      // over the event stream, which carries the browser's.
      const text = words.detail || (typeof error.message === 'string' ? error.message : '');
      const lines = [];
      if (text && text !== title) lines.push(text);
      if (Number(job.attempts) > 1) lines.push(t('failedAttempts', { n: job.attempts }));
      if (error.retryable === false) lines.push(t('failedFinal'));
      $('detail-error-title').textContent = title;
      $('detail-error-text').textContent = lines.join(' ');
      $('detail-error').dataset.code = error.code || '';
    }

    const done = job && job.status === 'done';
    renderDownloads(done ? state.report : null, done);
    // Retry only where it can help: a lost worker or a service down, not a file the engine refused.
    $('retry-button').hidden = !failed || (job.error && job.error.retryable === false);
    $('delete-button').disabled = !job;

    renderReport();
    renderIssues();
    renderPreview();
  }

  /**
   * The downloads follow the file: over 10,000 contacts the ZIP of GHL-sized parts is the main
   * button, at or under it there is no ZIP; no rejects or issues button when there are none.
   */
  function renderDownloads(r, done) {
    const rows = r ? Number(r.rows_written) || 0 : 0;
    const big = rows > SPLIT_ROWS;
    const issues = r && r.cell_issues ? Object.values(r.cell_issues).reduce((a, n) => a + (Number(n) || 0), 0) : 0;
    const ready = done && !!r;
    $('download-csv').disabled = !ready;
    $('download-csv').className = 'btn ' + (big ? 'btn-secondary' : 'btn-primary');
    $('download-zip').hidden = !big;
    $('download-zip').disabled = !ready;
    $('download-zip').className = 'btn ' + (big ? 'btn-primary' : 'btn-secondary');
    $('zip-help').hidden = !big;
    $('download-excel').disabled = !ready;
    $('download-rejects').hidden = !ready || !(Number(r.rejected_rows) > 0);
    $('download-rejects').disabled = !ready;
    $('download-issues').hidden = !ready || issues === 0;
    $('download-issues').disabled = !ready;
    $('next-step').hidden = !ready;
    $('next-step').textContent = ready ? t(big ? 'nextStepZip' : 'nextStep') : '';
    // The main download first, so it is also the first in the tab order.
    if (big) $('download-zip').after($('download-csv'));
    else $('download-csv').after($('download-zip'));
  }

  // ---------------------------------------------------------------- issues

  async function loadIssues(id, reason, offset) {
    const query = '?limit=' + ISSUES_PAGE + '&offset=' + offset + '&lang=' + encodeURIComponent(serverLang())
      + (reason ? '&reason=' + encodeURIComponent(reason) : '');
    try {
      const page = await api(jobUrl(id, '/issues' + query));
      if (state.selectedId !== id) return;
      const items = offset > 0 && state.issues ? state.issues.items.concat(page.items || []) : (page.items || []);
      state.issues = { reason: reason || '', total: Number(page.total) || 0, counts: page.counts || {}, items };
      renderIssues();
    } catch (e) {
      if (state.selectedId !== id) return;
      showError(e);
    }
  }

  function renderIssues() {
    const section = $('issues');
    const job = state.job;
    const page = state.issues;
    const counts = state.report && state.report.cell_issues ? state.report.cell_issues : {};
    const total = Object.values(counts).reduce((a, n) => a + (Number(n) || 0), 0);
    if (!job || job.status !== 'done' || !page || total === 0) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    $('issues-note').textContent = t('issuesNote', { n: fmtInt(total) });
    const select = $('issues-reason');
    select.replaceChildren(
      el('option', { value: '', text: t('issuesAll', { n: fmtInt(total) }) }),
      ...Object.entries(counts).map(([code, n]) => el('option', { value: code,
        text: (('issue_' + code) in I18N.pt ? t('issue_' + code) : code) + ' (' + fmtInt(n) + ')' })));
    select.value = page.reason;
    $('issues-table').replaceChildren(
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', text: t('issuesRow') }),
        el('th', { scope: 'col', text: t('issuesColumn') }),
        el('th', { scope: 'col', text: t('issuesValue') }),
        el('th', { scope: 'col', text: t('issuesReason') }),
        el('th', { scope: 'col', text: t('issuesSuggestion') }))),
      el('tbody', null, page.items.map((i) => el('tr', { 'data-reason': i.reason },
        el('td', { class: 'rownum', text: fmtInt(i.row) }),
        el('td', { text: String(i.column || '') }),
        el('td', { class: 'issue-value', title: String(i.value || ''), text: String(i.value || '') }),
        el('td', { text: String(i.message || i.reason) }),
        el('td', { text: String(i.suggestion || i.advice || '') })))));
    $('issues-more').hidden = page.items.length >= page.total;
  }

  // ---------------------------------------------------------------- report

  function renderReport() {
    const root = $('report');
    const job = state.job;
    if (!job || job.status !== 'done') {
      root.hidden = true;
      root.replaceChildren();
      return;
    }
    root.hidden = false;
    const r = state.report;
    if (!r) {
      root.setAttribute('aria-busy', 'true');
      root.replaceChildren(el('p', { class: 'muted', text: t('reportLoading') }));
      return;
    }
    root.setAttribute('aria-busy', 'false');
    root.replaceChildren(
      statsSection(r),
      qualitySection(r),
      el('div', { class: 'report-grid' },
        el('div', null, fillSection(r)),
        el('div', null, phonesSection(r), reasonsSection(r))),
      el('div', { class: 'report-grid' },
        el('div', null, mappingSection(r)),
        el('div', null, fileSection(r))));
  }

  function stat(label, value, note, hero) {
    return el('div', { class: hero ? 'stat stat-hero' : 'stat' },
      el('p', { class: 'stat-label', text: label }),
      el('p', { class: 'stat-value', text: value }),
      note ? el('p', { class: 'stat-note', text: note }) : null);
  }

  function statsSection(r) {
    return el('div', { class: 'stats' },
      stat(t('statTotal'), fmtInt(r.total_rows)),
      stat(t('statWritten'), fmtInt(r.rows_written), t('statWrittenNote'), true),
      stat(t('statEmail'), fmtPct(r.pct_with_email)),
      stat(t('statPhone'), fmtPct(r.pct_with_phone)));
  }

  function qualitySection(r) {
    const metrics = [
      ['ninth', 'ninth_digit_fixed', 'q_ninth', 'ok'],
      ['duplicates', 'duplicates_merged', 'q_duplicates', 'info'],
      ['invalidEmails', 'invalid_emails', 'q_invalidEmails', 'warn'],
      ['invalidPhones', 'invalid_phones', 'q_invalidPhones', 'warn'],
      ['invalidDates', 'invalid_dates', 'q_invalidDates', 'warn'],
      ['rejected', 'rejected_rows', 'q_rejected', 'danger'],
      ['empty', 'empty_rows_skipped', 'q_empty', 'neutral'],
    ];
    return el('section', { 'aria-labelledby': 'quality-title' },
      el('div', { class: 'section-head' }, el('h3', { class: 'section-title', id: 'quality-title', text: t('qualityTitle') })),
      el('div', { class: 'quality' }, metrics.map(([iconKey, key, label, tone]) => {
        const value = Number(r[key]) || 0;
        return el('div', { class: 'metric', 'data-tone': value > 0 ? tone : 'neutral', 'data-zero': value === 0 ? 'true' : 'false', 'data-metric': key },
          el('span', { class: 'metric-dot' }, icon(REPORT_ICONS[iconKey], 18)),
          el('span', null,
            el('span', { class: 'metric-value', text: fmtInt(value) }),
            el('span', { class: 'metric-label', text: tp(label, value) })));
      })));
  }

  function bar(label, pct, valueText, level, title, code) {
    const fill = el('span', { class: 'bar-fill', 'data-level': level });
    fill.style.width = clampPct(pct) + '%';
    return el('li', { class: 'bar-row' },
      el('span', { class: 'bar-label', title: title || label }, label, code ? el('span', { class: 'bar-code', text: code }) : null),
      el('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
      el('span', { class: 'bar-value', text: valueText }));
  }

  function fillSection(r) {
    const rates = r.fill_rates && typeof r.fill_rates === 'object' ? Object.entries(r.fill_rates) : [];
    // The report is stored as PostgreSQL jsonb, which reorders object keys (shortest first), so
    // put the columns back in the order of the GHL file, which the report's `columns` array keeps.
    const order = Array.isArray(r.columns) ? r.columns : [];
    const rank = (column) => (order.indexOf(column) < 0 ? order.length : order.indexOf(column));
    rates.sort((a, b) => rank(a[0]) - rank(b[0]));
    return el('section', { class: 'subsection', 'aria-labelledby': 'fill-title' },
      el('div', { class: 'section-head' },
        el('h3', { class: 'section-title', id: 'fill-title', text: t('fillTitle') }),
        el('p', { class: 'muted', text: t('fillNote') })),
      el('ul', { class: 'bars', id: 'fill-rates' }, rates.map(([column, pct]) => {
        const p = clampPct(pct);
        return bar(column, p, fmtPct(p), 'fill');
      })));
  }

  function phonesSection(r) {
    const entries = r.phones_by_country && typeof r.phones_by_country === 'object'
      ? Object.entries(r.phones_by_country).map(([c, n]) => [c, Number(n) || 0]).sort((a, b) => b[1] - a[1])
      : [];
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    return el('section', { class: 'subsection', 'aria-labelledby': 'phones-title' },
      el('div', { class: 'section-head' }, el('h3', { class: 'section-title', id: 'phones-title', text: t('phonesTitle') })),
      entries.length === 0 ? el('p', { class: 'muted', text: t('phonesNone') })
        : el('ul', { class: 'bars', id: 'phones-by-country' }, entries.map(([code, n]) => {
          const name = countryName(code);
          return bar(name, total ? (n / total) * 100 : 0, fmtInt(n), 'country', name + ' (' + code + ')', code);
        })));
  }

  function reasonsSection(r) {
    const reasons = r.reject_reasons && typeof r.reject_reasons === 'object' ? Object.entries(r.reject_reasons) : [];
    if (reasons.length === 0) return null;
    return el('section', { class: 'subsection', 'aria-labelledby': 'reasons-title' },
      el('div', { class: 'section-head' }, el('h3', { class: 'section-title', id: 'reasons-title', text: t('reasonsTitle') })),
      el('ul', { class: 'reasons' }, reasons.map(([code, n]) => {
        const label = ('reason_' + code) in I18N.pt ? t('reason_' + code) : code;
        return el('li', null, el('span', { text: label }), el('strong', { text: fmtInt(n) }));
      })));
  }

  function mappingSection(r) {
    const mapping = Array.isArray(r.mapping) ? r.mapping : [];
    const unmapped = Array.isArray(r.unmapped_columns) ? r.unmapped_columns : [];
    const arrow = 'M5 12h14m-5-5 5 5-5 5';
    return el('section', { class: 'subsection', 'aria-labelledby': 'mapping-title' },
      el('div', { class: 'section-head' }, el('h3', { class: 'section-title', id: 'mapping-title', text: t('mappingTitle') })),
      mapping.length === 0 ? el('p', { class: 'muted', text: t('mappingNone') })
        : el('table', { class: 'mapping', id: 'mapping-table' },
          el('thead', null, el('tr', null,
            el('th', { scope: 'col', text: t('mappingSource') }),
            el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: '→' })),
            el('th', { scope: 'col', text: t('mappingTarget') }))),
          el('tbody', null, mapping.map((m) => el('tr', null,
            el('td', { class: 'src', text: m && m.source ? String(m.source) : '—' }),
            el('td', { class: 'arrow' }, icon(arrow, 16)),
            el('td', { class: 'dst', text: m && m.target ? String(m.target) : '' }))))),
      unmapped.length === 0 ? null : el('div', { class: 'subsection' },
        el('div', { class: 'section-head' },
          el('h3', { class: 'section-title', id: 'unmapped-title', text: t('unmappedTitle') }),
          el('p', { class: 'muted', text: t('unmappedNote') })),
        el('ul', { class: 'chips', id: 'unmapped-columns', 'aria-labelledby': 'unmapped-title' },
          unmapped.map((name) => el('li', { class: 'chip', text: String(name) })))));
  }

  function delimiterLabel(d) {
    const names = { ',': 'delim_comma', ';': 'delim_semicolon', '\t': 'delim_tab', '|': 'delim_pipe' };
    if (d in names) return d === '\t' ? t(names[d]) : t(names[d]) + ' (' + d + ')';
    return d;
  }

  function fileSection(r) {
    const facts = [];
    if (r.format) facts.push([t('f_format'), String(r.format).toUpperCase()]);
    if (r.encoding) facts.push([t('f_encoding'), String(r.encoding)]);
    if (r.delimiter) facts.push([t('f_delimiter'), delimiterLabel(String(r.delimiter))]);
    if (r.sheet) {
      const sheets = Array.isArray(r.sheets) ? r.sheets.length : 0;
      facts.push([t('f_sheet'), sheets > 1 ? t('f_sheetOf', { sheet: r.sheet, n: sheets }) : String(r.sheet)]);
    }
    if (r.header_row) facts.push([t('f_header'), fmtInt(r.header_row)]);
    if (r.default_country) facts.push([t('f_country'), countryName(r.default_country) + ' (' + r.default_country + ')']);
    if (typeof r.seconds === 'number') {
      facts.push([t('f_seconds'), t('f_secondsValue', { s: new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(r.seconds) })]);
    }
    return el('section', { class: 'subsection', 'aria-labelledby': 'file-title' },
      el('div', { class: 'section-head' }, el('h3', { class: 'section-title', id: 'file-title', text: t('fileTitle') })),
      el('dl', { class: 'facts' }, facts.map(([k, v]) => el('div', null, el('dt', { text: k }), el('dd', { text: v })))));
  }

  // ---------------------------------------------------------------- preview

  function renderPreview() {
    const section = $('preview');
    const table = $('preview-table');
    const p = state.preview;
    const job = state.job;
    if (!p || !job || job.status !== 'done') {
      section.hidden = true;
      table.replaceChildren();
      return;
    }
    section.hidden = false;
    const columns = Array.isArray(p.columns) ? p.columns : [];
    const rows = Array.isArray(p.rows) ? p.rows : [];
    const total = state.report ? Number(state.report.rows_written) : rows.length;
    $('preview-note').textContent = rows.length === 0 ? t('previewEmpty')
      : tp('previewNote', rows.length, { total: fmtInt(Math.max(total || 0, rows.length)) });
    // The GHL file's order; on a phone Email and Phone first (a stable sort keeps the rest in order).
    const rank = (c) => (FIRST_ON_PHONES.includes(c) ? FIRST_ON_PHONES.indexOf(c) : FIRST_ON_PHONES.length);
    const order = columns.map((c, j) => j);
    if (PHONE.matches) order.sort((a, b) => rank(columns[a]) - rank(columns[b]));
    table.replaceChildren(
      el('thead', null, el('tr', null,
        el('th', { class: 'rownum', scope: 'col', text: '#' }),
        order.map((j) => el('th', { scope: 'col', text: String(columns[j]) })))),
      el('tbody', null, rows.map((row, i) => el('tr', null,
        el('td', { class: 'rownum', text: String(i + 1) }),
        order.map((j) => {
          const value = Array.isArray(row) && row[j] !== undefined && row[j] !== null ? String(row[j]) : '';
          return el('td', { class: value ? null : 'is-empty', title: value.length > 40 ? value : null, text: value });
        })))));
    window.requestAnimationFrame(renderPreviewHint);
  }

  /** Says the preview scrolls sideways when it is wider than its box (always, on a phone). */
  function renderPreviewHint() {
    const scroller = $('preview-table').parentElement;
    $('preview-hint').hidden = $('preview').hidden || scroller.scrollWidth <= scroller.clientWidth + 1;
  }

  // ---------------------------------------------------------------- actions

  function filenameFromDisposition(header) {
    if (!header) return '';
    const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim());
      } catch (e) {
        // fall through to the plain filename
      }
    }
    const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
    return plain ? (plain[1] || plain[2] || '').trim() : '';
  }

  async function download(button, suffix, fallbackName) {
    const id = state.selectedId;
    if (!id || button.disabled) return;
    clearError();
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    announce(t('downloading'));
    const session = state.session;
    try {
      let res;
      try {
        res = await fetch(jobUrl(id, suffix), { credentials: 'same-origin', headers: { 'Accept-Language': t('htmlLang') } });
      } catch (e) {
        throw new ApiError({ code: 'network', status: 0 });
      }
      if (session !== state.session) return;
      if (res.status === 401) {
        sessionExpired();
        return;
      }
      if (!res.ok) throw new ApiError(await problemFromResponse(res));
      const blob = await res.blob();
      if (session !== state.session) return;
      const name = filenameFromDisposition(res.headers.get('Content-Disposition')) || fallbackName;
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: name, class: 'visually-hidden' });
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      showError(e);
    } finally {
      button.removeAttribute('aria-busy');
      renderDetail();
    }
  }

  async function retry() {
    const id = state.selectedId;
    if (!id) return;
    clearError();
    const button = $('retry-button');
    button.disabled = true;
    try {
      const job = await api(jobUrl(id, '/retry'), { method: 'POST' });
      announce(t('retried'));
      if (job) {
        state.report = null;
        state.issues = null;
        state.preview = null;
        onJobUpdate(job);
      }
      track(id);
    } catch (e) {
      showError(e);
    } finally {
      button.disabled = false;
    }
  }

  function confirmDelete() {
    const dialog = $('confirm-dialog');
    const name = state.job && state.job.filename ? state.job.filename : '';
    $('confirm-text').textContent = t('confirmDeleteText', { name });
    if (typeof dialog.showModal !== 'function') {
      if (window.confirm(t('confirmDeleteTitle') + '\n\n' + $('confirm-text').textContent)) deleteSelected();
      return;
    }
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-cancel').focus();
  }

  async function deleteSelected() {
    const id = state.selectedId;
    if (!id) return;
    clearError();
    const button = $('delete-button');
    button.disabled = true;
    try {
      await api(jobUrl(id), { method: 'DELETE' });
      const i = state.jobs.findIndex((j) => j.id === id);
      if (i >= 0) {
        state.jobs.splice(i, 1);
        state.total = Math.max(0, state.total - 1);
      }
      closeDetail();
      announce(t('deleted'));
      $('upload-title').scrollIntoView({ behavior: 'smooth', block: 'center' });
    } catch (e) {
      showError(e);
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- accounts

  /** Asks the server who is signed in (the cookie is invisible to this script). */
  async function checkSession() {
    let user = null;
    try {
      user = await request('/me');
    } catch (e) {
      // 401 is the ordinary signed-out answer; anything else is worth a word in the banner.
      showError(e);
    }
    if (user && user.email && !state.resetToken) signedIn(user, { quiet: true });
    else showSignedOut(null);
  }

  /** Takes a reset link's token out of the address (so it stays in neither history nor bookmarks). */
  function takeResetToken() {
    const m = RESET_HASH.exec(location.hash);
    if (!m) return false;
    state.resetToken = m[1];
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }

  /** A #reset= link opened in a running page: show the new-password form. */
  function routeReset() {
    if (!takeResetToken()) return false;
    if (state.user) showSignedOut(null);
    else if (state.sessionKnown) {
      state.authMode = 'reset';
      state.authError = null;
      state.authNotice = null;
      renderSession();
    }
    return true;
  }

  function signedIn(user, opts) {
    const options = opts || {};
    state.user = { id: user.id, email: String(user.email) };
    state.sessionKnown = true;
    state.session += 1;
    state.authMode = 'signin';
    state.authError = null;
    state.authNotice = null;
    state.passwordShown = false;
    $('auth-form').reset();
    renderSession();
    if (!options.quiet) {
      announce(t('signedIn', { email: state.user.email }));
      $('main').focus({ preventScroll: true });
    }
    loadJobs();
    routeFromHash();
  }

  /** Shows the sign-in panel over an emptied app; notice is a dictionary key said above the form. */
  function showSignedOut(notice) {
    state.user = null;
    state.sessionKnown = true;
    state.session += 1;
    state.authMode = state.resetToken ? 'reset' : 'signin';
    state.authBusy = false;
    state.authError = null;
    state.authNotice = notice;
    resetWorkspace();
    renderSession();
  }

  /** Any 401 of the app: the session ended under the user. The job address stays, to come back to. */
  function sessionExpired() {
    if (!state.user) return;
    showSignedOut('sessionExpired');
    announce(t('sessionExpired'));
    $('auth-email').focus();
  }

  async function signOut() {
    const button = $('signout-button');
    button.disabled = true;
    try {
      await request('/auth/logout', { method: 'POST' });
    } catch (e) {
      // 401: already signed out, which is what was asked. Otherwise the cookie may still be valid,
      // and only the server can clear it, so stay signed in and say what went wrong.
      if (!(e instanceof ApiError && e.problem.status === 401)) {
        showError(e);
        return;
      }
    } finally {
      button.disabled = false;
    }
    showSignedOut(null);
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    announce(t('signedOut'));
    $('auth-email').focus();
  }

  /**
   * Empties everything the previous account left on the page (list, open job, report, preview,
   * chosen file, form fields, banner, live announcements) and stops all its timers and streams, so
   * the next person at this browser sees none of it.
   */
  function resetWorkspace() {
    stopTracking();
    window.clearTimeout(state.listTimer);
    window.clearTimeout(state.announceTimer);
    if (state.uploadXhr) {
      const xhr = state.uploadXhr;
      state.uploadXhr = null;
      xhr.abort();
    }
    state.inspectSeq += 1;
    Object.assign(state, {
      file: null,
      sheets: null,
      jobs: [],
      total: 0,
      filter: '',
      listLoaded: false,
      selectedId: null,
      job: null,
      report: null,
      issues: null,
      preview: null,
      resultsFor: null,
      banner: null,
    });
    $('upload-form').reset();
    setUploading(false);
    $('upload-progress').hidden = true;
    $('file-chosen-name').textContent = '';
    $('file-chosen-size').textContent = '';
    $('jobs-filter').value = '';
    const list = $('jobs-list');
    list.replaceChildren();
    list.setAttribute('aria-busy', 'true');
    $('jobs-refresh').classList.remove('spinning');
    const dialog = $('confirm-dialog');
    if (dialog.open) dialog.close();
    $('confirm-text').textContent = '';
    const detail = $('job-detail');
    detail.hidden = true;
    delete detail.dataset.jobId;
    delete detail.dataset.status;
    $('detail-title').textContent = '…';
    $('detail-meta').textContent = '';
    $('detail-error-title').textContent = '';
    $('detail-error-text').textContent = '';
    renderReport();
    renderPreview();
    renderSheetPicker();
    renderJobs();
    renderBanner();
    $('sr-status').textContent = '';
  }

  function renderSession() {
    const signedInNow = Boolean(state.user);
    document.body.dataset.session = signedInNow ? 'signed-in' : (state.sessionKnown ? 'signed-out' : 'unknown');
    $('app-view').hidden = !signedInNow;
    $('auth-panel').hidden = signedInNow || !state.sessionKnown;
    $('user-menu').hidden = !signedInNow;
    const email = $('user-email');
    email.textContent = signedInNow ? state.user.email : '';
    if (signedInNow) email.setAttribute('title', t('signedInAs', { email: state.user.email }));
    else email.removeAttribute('title');
    renderAuth();
  }

  /** The words of each mode of the panel: sign in, sign up, ask for a reset link, set a new password. */
  const AUTH_MODES = {
    signin: { title: 'authSignInTitle', lead: 'authSignInLead', submit: 'authSubmitSignIn', busy: 'authBusySignIn',
      prompt: 'authToSignUpPrompt', toggle: 'authToSignUp', next: 'signup' },
    signup: { title: 'authSignUpTitle', lead: 'authSignUpLead', submit: 'authSubmitSignUp', busy: 'authBusySignUp',
      prompt: 'authToSignInPrompt', toggle: 'authToSignIn', next: 'signin' },
    forgot: { title: 'authForgotTitle', lead: 'authForgotLead', submit: 'authSubmitForgot', busy: 'authBusyForgot',
      prompt: 'authForgotBackPrompt', toggle: 'authToSignIn', next: 'signin' },
    reset: { title: 'authResetTitle', lead: 'authResetLead', submit: 'authSubmitReset', busy: 'authBusyReset',
      prompt: 'authForgotBackPrompt', toggle: 'authToSignIn', next: 'signin' },
  };

  function renderAuth() {
    const mode = state.authMode;
    const words = AUTH_MODES[mode];
    const newPassword = mode === 'signup' || mode === 'reset';
    $('auth-panel').dataset.mode = mode;
    $('auth-title').textContent = t(words.title);
    $('auth-lead').textContent = t(words.lead);

    const email = $('auth-email');
    $('auth-email-field').hidden = mode === 'reset';
    email.required = mode !== 'reset';
    const password = $('auth-password');
    $('auth-password-field').hidden = mode === 'forgot';
    password.required = mode !== 'forgot';
    $('auth-password-label').textContent = t(mode === 'reset' ? 'authNewPassword' : 'authPassword');
    password.setAttribute('autocomplete', newPassword ? 'new-password' : 'current-password');
    if (newPassword) password.setAttribute('minlength', String(PASSWORD_MIN));
    else password.removeAttribute('minlength');
    $('auth-password-help').hidden = !newPassword;
    $('auth-forgot').hidden = mode !== 'signin';
    password.type = state.passwordShown ? 'text' : 'password';
    const reveal = $('auth-password-toggle');
    reveal.textContent = t(state.passwordShown ? 'authHidePassword' : 'authShowPassword');
    reveal.setAttribute('aria-label', t(state.passwordShown ? 'authHidePasswordLabel' : 'authShowPasswordLabel'));
    reveal.setAttribute('aria-pressed', state.passwordShown ? 'true' : 'false');

    const submit = $('auth-submit');
    submit.disabled = state.authBusy;
    submit.setAttribute('aria-busy', state.authBusy ? 'true' : 'false');
    submit.textContent = t(state.authBusy ? words.busy : words.submit);
    $('auth-switch-text').textContent = t(words.prompt);
    $('auth-mode-toggle').textContent = t(words.toggle);

    const notice = $('auth-notice');
    notice.hidden = !state.authNotice;
    notice.textContent = state.authNotice ? t(state.authNotice) : '';

    const error = $('auth-error');
    const problem = state.authError;
    error.hidden = !problem;
    error.textContent = problem ? authErrorText(problem) : '';
    error.dataset.code = problem && problem.code ? problem.code : '';
    const code = problem ? problem.code : '';
    setInvalid(email, code === 'invalid_email' || code === 'email_taken' || code === 'email_required');
    setInvalid(password, code === 'weak_password' || code === 'password_required' || code === 'invalid_credentials');
  }

  function setInvalid(input, invalid) {
    if (invalid) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', 'auth-error');
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-errormessage');
    }
  }

  /** Our words for the codes we know (in the page's language), else the server's own detail. */
  function authErrorText(problem) {
    const code = typeof problem.code === 'string' ? problem.code : '';
    const described = describeProblem(problem);
    // One line: the sentence, which says what to do (a code the UI words itself has only a title).
    if (AUTH_CODES.has(code) || described.detail) return described.detail || described.title;
    return described.title;
  }

  function setAuthMode(mode) {
    if (mode !== 'reset') state.resetToken = null;
    state.authMode = mode;
    state.authError = null;
    state.authNotice = null;
    renderAuth();
    $(mode === 'reset' ? 'auth-password' : 'auth-email').focus();
  }

  function togglePasswordShown() {
    state.passwordShown = !state.passwordShown;
    renderAuth();
    $('auth-password').focus();
  }

  function failAuth(problem, field) {
    state.authError = problem;
    renderAuth();
    if (field) $(field).focus();
  }

  async function submitAuth() {
    if (state.authBusy) return;
    const mode = state.authMode;
    const signup = mode === 'signup';
    const emailInput = $('auth-email');
    const email = emailInput.value.trim();
    const password = $('auth-password').value;
    // The same checks as the server's, done first so that the answer comes in the page's language
    // without a round trip; the server still decides.
    if (mode !== 'reset' && !email) {
      failAuth({ code: 'email_required' }, 'auth-email');
      return;
    }
    if (mode !== 'reset' && emailInput.validity.typeMismatch) {
      failAuth({ code: 'invalid_email' }, 'auth-email');
      return;
    }
    if (mode !== 'forgot' && !password) {
      failAuth({ code: 'password_required' }, 'auth-password');
      return;
    }
    const length = Array.from(password).length;
    if ((signup || mode === 'reset') && (length < PASSWORD_MIN || length > PASSWORD_MAX)) {
      failAuth({ code: 'weak_password', min: PASSWORD_MIN, max: PASSWORD_MAX }, 'auth-password');
      return;
    }
    if (mode === 'forgot' || mode === 'reset') {
      submitReset(mode, email, password);
      return;
    }

    state.authBusy = true;
    state.authError = null;
    state.authNotice = null;
    renderAuth();
    let answer;
    try {
      answer = await postJson(signup ? '/auth/register' : '/auth/login', { email, password });
    } catch (e) {
      state.authBusy = false;
      const problem = e instanceof ApiError ? e.problem : { code: 'unknown' };
      if (!(e instanceof ApiError)) console.error(e);
      const field = problem.code === 'invalid_email' || problem.code === 'email_taken' ? 'auth-email' : 'auth-password';
      failAuth(problem, field);
      return;
    }
    state.authBusy = false;
    // The cookie is set now; the token in the body is for API clients and is not kept.
    signedIn(answer && answer.user ? answer.user : { email });
  }

  /** Asks for a reset link (the answer is the same for every address) or sets the new password. */
  async function submitReset(mode, email, password) {
    state.authBusy = true;
    state.authError = null;
    state.authNotice = null;
    renderAuth();
    try {
      if (mode === 'forgot') await postJson('/auth/password-reset', { email });
      else await postJson('/auth/password-reset/confirm', { token: state.resetToken, password });
    } catch (e) {
      state.authBusy = false;
      const problem = e instanceof ApiError ? e.problem : { code: 'unknown' };
      if (!(e instanceof ApiError)) console.error(e);
      if (problem.code === 'reset_token_invalid') {
        // The link is spent: offer to ask for a new one, saying why.
        state.resetToken = null;
        state.authMode = 'forgot';
      }
      failAuth(problem, mode === 'forgot' || problem.code === 'reset_token_invalid' ? 'auth-email' : 'auth-password');
      return;
    }
    state.authBusy = false;
    state.resetToken = null;
    state.passwordShown = false;
    $('auth-form').reset();
    if (mode === 'forgot') $('auth-email').value = email;
    state.authMode = 'signin';
    state.authNotice = mode === 'forgot' ? 'resetSent' : 'resetDone';
    renderAuth();
    announce(t(state.authNotice));
    $('auth-email').focus();
  }

  // ---------------------------------------------------------------- routing

  function routeFromHash() {
    // Signed out, the address waits: it is opened once someone signs in.
    if (!state.user) return;
    const m = /^#\/jobs\/([^/?#]+)$/.exec(location.hash);
    if (m) {
      const id = decodeURIComponent(m[1]);
      if (id !== state.selectedId) openJob(id, { focus: true });
    } else if (state.selectedId) {
      stopTracking();
      state.selectedId = null;
      state.job = null;
      $('job-detail').hidden = true;
      renderJobs();
    }
  }

  // ---------------------------------------------------------------- wiring

  function wire() {
    const input = $('file-input');
    const zone = $('drop-zone');

    input.addEventListener('change', () => setFile(input.files && input.files[0]));

    let depth = 0;
    zone.addEventListener('dragenter', (e) => {
      e.preventDefault();
      depth += 1;
      if (!state.uploading) zone.classList.add('is-dragover');
    });
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = state.uploading ? 'none' : 'copy';
    });
    zone.addEventListener('dragleave', () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove('is-dragover');
    });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      depth = 0;
      zone.classList.remove('is-dragover');
      if (state.uploading) return;
      const files = e.dataTransfer && e.dataTransfer.files;
      if (files && files.length > 0) {
        try {
          input.files = files;
        } catch (err) {
          // Older browsers cannot assign a FileList; state.file is what the upload uses.
        }
        setFile(files[0]);
      }
    });
    // A file dropped beside the zone must not make the browser navigate away to it.
    window.addEventListener('dragover', (e) => e.preventDefault());
    window.addEventListener('drop', (e) => e.preventDefault());

    $('opt-sheet').addEventListener('change', (e) => {
      if (!state.file || !state.sheets) return;
      clearError();
      inspectFile(state.file, e.currentTarget.value);
    });
    PHONE.addEventListener('change', renderPreview);
    window.addEventListener('resize', renderPreviewHint);

    $('upload-form').addEventListener('submit', (e) => {
      e.preventDefault();
      upload();
    });

    $('jobs-list').addEventListener('click', (e) => {
      const item = e.target.closest('[data-job-id]');
      if (item) openJob(item.dataset.jobId, { focus: true, scroll: true });
    });
    $('jobs-refresh').addEventListener('click', () => loadJobs());
    $('jobs-more').addEventListener('click', () => loadJobs({ append: true }));
    $('jobs-filter').addEventListener('change', (e) => {
      state.filter = e.target.value;
      state.jobs = [];
      state.listLoaded = false;
      renderJobs();
      loadJobs();
    });

    const base = () => baseName(state.job && state.job.filename);
    $('download-csv').addEventListener('click', (e) => download(e.currentTarget, '/download', base() + '-ghl.csv'));
    $('download-zip').addEventListener('click', (e) => download(e.currentTarget, '/download?split=' + SPLIT_ROWS, base() + '-ghl.zip'));
    $('download-rejects').addEventListener('click', (e) => download(e.currentTarget,
      '/rejects?lang=' + encodeURIComponent(serverLang()), base() + '-rejects.csv'));
    $('download-issues').addEventListener('click', (e) => download(e.currentTarget,
      '/issues/download?lang=' + encodeURIComponent(serverLang()), base() + '-issues.csv'));
    $('download-excel').addEventListener('click', (e) => download(e.currentTarget,
      '/download?format=spreadsheet&lang=' + encodeURIComponent(serverLang()), base() + '-ghl.csv'));
    $('issues-reason').addEventListener('change', (e) => {
      if (state.selectedId) loadIssues(state.selectedId, e.currentTarget.value, 0);
    });
    $('issues-more').addEventListener('click', () => {
      if (state.selectedId && state.issues) loadIssues(state.selectedId, state.issues.reason, state.issues.items.length);
    });
    $('retry-button').addEventListener('click', retry);
    $('delete-button').addEventListener('click', confirmDelete);
    $('confirm-dialog').addEventListener('close', () => {
      if ($('confirm-dialog').returnValue === 'ok') deleteSelected();
    });

    $('auth-form').addEventListener('submit', (e) => {
      e.preventDefault();
      submitAuth();
    });
    $('auth-mode-toggle').addEventListener('click', () => setAuthMode(AUTH_MODES[state.authMode].next));
    $('auth-forgot').addEventListener('click', () => setAuthMode('forgot'));
    $('auth-password-toggle').addEventListener('click', togglePasswordShown);
    $('signout-button').addEventListener('click', signOut);

    $('error-close').addEventListener('click', clearError);
    $('lang-select').addEventListener('change', (e) => setLanguage(LANGS.includes(e.target.value) ? e.target.value : 'pt'));
    window.addEventListener('hashchange', () => {
      if (!routeReset()) routeFromHash();
    });
    window.addEventListener('popstate', routeFromHash);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && state.listLoaded) loadJobs({ silent: true });
    });
  }

  function start() {
    wire();
    takeResetToken();
    applyLanguage();
    loadConfig();
    checkSession();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
