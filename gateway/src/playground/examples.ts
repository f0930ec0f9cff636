/** One GraphiQL tab the playground opens with (GraphiQL's `defaultTabs`). */
export interface PlaygroundTab {
  query: string;
  variables?: string;
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The main flow, one step per tab: look up ids, watch campanaCreada, create (and activate) a campaign, watch
 * comisionCalculada, register a conversion, follow a command. Subscription tabs are left out when the gateway
 * serves no subscriptions.
 */
export function exampleTabs(options: { subscriptions: boolean; today?: Date }): PlaygroundTab[] {
  const today = options.today ?? new Date();
  const inAMonth = new Date(today.getTime() + 30 * 24 * 60 * 60 * 1000);
  const vars = (value: unknown) => JSON.stringify(value, null, 2);
  const tabs: (PlaygroundTab & { subscription?: boolean })[] = [
    {
      query: `# AlpesPartner: the main flow, one step per tab.
# Every operation needs a token: the Headers tab below holds
# it (npm start prints a link that fills it in; or paste
# "Bearer " + the output of npm run --silent token -- admin).
# 1. Find an affiliate and a campaign: press ▶ (Ctrl+Enter)
#    and copy their ids into the next tabs' variables.
query Explorar {
  afiliados(first: 5, filtro: { estado: ACTIVO }) {
    totalCount
    nodes {
      id
      nombre
      comisiones(first: 3) {
        nodes {
          id
          monto
          estado
        }
      }
    }
  }
  campanas(first: 5) {
    nodes {
      id
      nombre
      estado
      porcentajeComision
    }
  }
}
`,
    },
    {
      subscription: true,
      query: `# 2. Start this subscription (graphql-ws on the same /graphql
#    endpoint), then create a campaign in the next tab.
subscription VerCampanasCreadas {
  campanaCreada {
    eventoId
    correlationId
    campana {
      id
      nombre
      estado
      afiliados {
        nombre
      }
    }
  }
}
`,
    },
    {
      query: `# 3. Create a campaign (put an affiliate's id from tab 1 into
#    afiliadoIds). The answer is the queued command's
#    correlationId; the event arrives on campanaCreada (tab 2).
#    A campaign starts in DRAFT: run ActivarCampana with its id
#    before registering conversions.
mutation CrearCampana($input: CrearCampanaInput!) {
  crearCampana(input: $input) {
    correlationId
    id
  }
}

mutation ActivarCampana($id: ID!) {
  activarCampana(id: $id) {
    correlationId
  }
}
`,
      variables: vars({
        input: {
          nombre: 'Campaña desde GraphiQL',
          descripcion: 'Creada en el playground',
          fechaInicio: isoDate(today),
          fechaFin: isoDate(inAMonth),
          presupuesto: '5000.00',
          metaConversiones: 100,
          tipo: 'DIGITAL',
          porcentajeComision: '10',
          tags: ['playground'],
          afiliadoIds: ['<id de un afiliado>'],
        },
        id: '<id de la campaña creada>',
      }),
    },
    {
      subscription: true,
      query: `# 4. Watch commissions as they are calculated (for one
#    affiliate only: comisionCalculada(afiliadoId: "…")).
subscription VerComisionesCalculadas {
  comisionCalculada {
    eventoId
    comision {
      id
      monto
      porcentaje
      estado
      afiliado {
        nombre
      }
      campana {
        nombre
      }
      conversion {
        valor
        moneda
      }
    }
  }
}
`,
    },
    {
      query: `# 5. Register a conversion of the affiliate in the active
#    campaign: comisionCalculada (tab 4) streams its commission.
mutation RegistrarConversion($input: RegistrarConversionInput!) {
  registrarConversion(input: $input) {
    correlationId
    id
  }
}
`,
      variables: vars({
        input: {
          afiliadoId: '<id del afiliado>',
          campanaId: '<id de la campaña activa>',
          valor: '200.00',
          moneda: 'USD',
          tipo: 'VENTA',
          metadata: { canal: 'playground' },
        },
      }),
    },
    {
      subscription: true,
      query: `# 6. Follow a command by the correlationId its mutation
#    answered: ACEPTADO, then COMPLETADO or RECHAZADO (motivo).
subscription SeguirComando($correlationId: ID!) {
  comando(correlationId: $correlationId) {
    estado
    comando
    entidadId
    motivo
    actualizadoEn
  }
}
`,
      variables: vars({ correlationId: '<correlationId de una mutación>' }),
    },
  ];
  return tabs
    .filter((tab) => options.subscriptions || !tab.subscription)
    .map(({ query, variables }) => (variables === undefined ? { query } : { query, variables }));
}
